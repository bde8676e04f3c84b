import { stemmer } from 'stemmer';

// A Map, not an object literal: a word such as "constructor" must not find Object.prototype's members.
const CONTRACTIONS = new Map<string, string[]>([
  ["can't", ['can', 'not']],
  ["won't", ['will', 'not']],
  ["i'm", ['i', 'am']],
  ["let's", ['let', 'us']],
]);

/** Splits a Latin run into lower-case words; "don't" → do, not; possessive 's is dropped. */
export function splitEnglishWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}]+(?:['’][\p{L}]+)?/gu)) {
    const word = match[0].replace('’', "'");
    const known = CONTRACTIONS.get(word);
    if (known) {
      words.push(...known);
    } else if (word.endsWith("n't")) {
      words.push(word.slice(0, -3), 'not');
    } else if (word.includes("'")) {
      const [head, tail] = word.split("'") as [string, string];
      words.push(head);
      if (tail === 're' || tail === 've' || tail === 'll' || tail === 'd') words.push(tail);
    } else {
      words.push(word);
    }
  }
  return words.filter((w) => w.length > 0);
}

const cache = new Map<string, string>();

/** Porter stem, cached: the same few thousand words recur in customer messages. */
export function stem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (cache.size > 50_000) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
