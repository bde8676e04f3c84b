import type { Vocabulary } from '@tandem/protocol';

/** The vocabulary tab's checks, the same as the server's (settings.ts): shown at the field before saving. */

export const MAX_WORD_LENGTH = 50;
export const MAX_WORDS = 5000;
export const MAX_GROUP = 30;
export const MAX_GROUPS = 2000;

export type VocabularyProblem =
  | { kind: 'tooLong'; word: string }
  | { kind: 'tooManyWords' }
  | { kind: 'groupTooSmall' }
  | { kind: 'groupTooBig' }
  | { kind: 'tooManyGroups' }
  | { kind: 'shared'; word: string; group: number }
  | { kind: 'server'; message: string };

/** Where a problem is shown: `words`, `synonyms` (the list) or `synonyms.<group>`. */
export type ProblemField = string;

const tooLong = (words: readonly string[]) => words.find((w) => w.trim().length > MAX_WORD_LENGTH);

export function vocabularyProblems(vocabulary: Vocabulary): Map<ProblemField, VocabularyProblem> {
  const problems = new Map<ProblemField, VocabularyProblem>();
  const longWord = tooLong(vocabulary.words);
  if (longWord !== undefined) problems.set('words', { kind: 'tooLong', word: longWord });
  else if (vocabulary.words.length > MAX_WORDS) problems.set('words', { kind: 'tooManyWords' });
  if (vocabulary.synonyms.length > MAX_GROUPS) problems.set('synonyms', { kind: 'tooManyGroups' });
  const owner = new Map<string, number>();
  vocabulary.synonyms.forEach((group, g) => {
    const field = `synonyms.${g}`;
    const long = tooLong(group);
    // an empty group (just added) is left out when saving
    if (group.length === 0) return;
    if (long !== undefined) problems.set(field, { kind: 'tooLong', word: long });
    else if (group.length < 2) problems.set(field, { kind: 'groupTooSmall' });
    else if (group.length > MAX_GROUP) problems.set(field, { kind: 'groupTooBig' });
    for (const word of group) {
      const key = word.trim().toLowerCase();
      const first = owner.get(key);
      if (first === undefined) owner.set(key, g);
      else if (first !== g && !problems.has(field))
        problems.set(field, { kind: 'shared', word: word.trim(), group: first + 1 });
    }
  });
  return problems;
}

/** The server's problems (`words.3`, `synonyms.1.0`) at the field they belong to. */
export function serverProblems(
  details: ReadonlyArray<{ path: string; message: string }>,
): Map<ProblemField, VocabularyProblem> {
  const problems = new Map<ProblemField, VocabularyProblem>();
  for (const { path, message } of details) {
    const [list, group] = path.split('.');
    const field =
      list === 'words'
        ? 'words'
        : list === 'synonyms' && group !== undefined
          ? `synonyms.${group}`
          : 'synonyms';
    if (!problems.has(field)) problems.set(field, { kind: 'server', message });
  }
  return problems;
}

/** The vocabulary as saved: words trimmed, empty ones and empty groups left out. */
export function cleanVocabulary(vocabulary: Vocabulary): Vocabulary {
  const clean = (words: readonly string[]) => words.map((w) => w.trim()).filter(Boolean);
  return {
    words: clean(vocabulary.words),
    synonyms: vocabulary.synonyms.map(clean).filter((group) => group.length > 0),
  };
}

export const sameVocabulary = (a: Vocabulary, b: Vocabulary) => JSON.stringify(a) === JSON.stringify(b);
