import type { IntentSummary, Lang } from '@tandem/protocol';

/** The intents tab's logic: names, search, and the examples another intent also has. */

export type Examples = IntentSummary['examples'];
export const exampleLangs: readonly Lang[] = ['zh', 'en'];

/** How the bot compares two phrasings: case, width, spaces and punctuation do not count (as the engine). */
export const phrasingKey = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** The intent's name in the reader's language, else in the other, else its key. */
export function intentName(intent: Pick<IntentSummary, 'name' | 'key'>, lang: Lang): string {
  return intent.name[lang] ?? intent.name[lang === 'zh' ? 'en' : 'zh'] ?? intent.key;
}

/** Intents whose name, key, category or any example contains every word of the query (any case). */
export function searchIntents(intents: readonly IntentSummary[], query: string): IntentSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...intents];
  return intents.filter((intent) => {
    const haystack = [
      intent.key,
      intent.category ?? '',
      intent.name.zh ?? '',
      intent.name.en ?? '',
      ...intent.examples.zh,
      ...intent.examples.en,
    ]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Example key → the other intents that have it: an example both have teaches the bot neither. */
export function examplesElsewhere(
  intents: readonly IntentSummary[],
  self: string,
): Map<string, IntentSummary[]> {
  const owners = new Map<string, IntentSummary[]>();
  for (const intent of intents) {
    if (intent.id === self || !intent.enabled) continue;
    for (const text of [...intent.examples.zh, ...intent.examples.en]) {
      const key = phrasingKey(text);
      const list = owners.get(key) ?? [];
      if (!list.includes(intent)) list.push(intent);
      owners.set(key, list);
    }
  }
  return owners;
}

/** What is wrong with one example as typed: empty, too long, or typed twice in this intent. */
export type ExampleProblem = 'empty' | 'tooLong' | 'repeated';

export function exampleProblems(examples: Examples): Map<string, ExampleProblem> {
  const problems = new Map<string, ExampleProblem>();
  const seen = new Set<string>();
  for (const lang of exampleLangs) {
    examples[lang].forEach((text, i) => {
      const path = `${lang}.${i}`;
      const key = phrasingKey(text);
      if (text.trim() === '') problems.set(path, 'empty');
      else if (text.trim().length > 200) problems.set(path, 'tooLong');
      else if (key !== '' && seen.has(key)) problems.set(path, 'repeated');
      seen.add(key);
    });
  }
  return problems;
}

/** The examples as saved: trimmed. */
export const trimmedExamples = (examples: Examples): Examples => ({
  zh: examples.zh.map((t) => t.trim()),
  en: examples.en.map((t) => t.trim()),
});

export const sameExamples = (a: Examples, b: Examples) => JSON.stringify(a) === JSON.stringify(b);

/** Server problems (`examples.zh.3`) by the example they concern (`zh.3`), or `''` for the whole list. */
export function problemsByExample(
  details: ReadonlyArray<{ path: string; message: string }>,
): Map<string, string> {
  const byPath = new Map<string, string>();
  for (const { path, message } of details) {
    const key = path.replace(/^examples\.?/, '');
    if (!byPath.has(key)) byPath.set(key, message);
  }
  return byPath;
}
