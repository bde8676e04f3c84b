import type { KnowledgeEntry } from '../bot/types.ts';
import type { TrainingExample } from '../nlu/clean.ts';
import { OOS_INTENT } from '../nlu/model.ts';

/** Answer sentences learned from per entry and language, by default. */
export const DEFAULT_ANSWER_EXAMPLES = 8;

const LANGS = ['zh', 'en'] as const;
const key = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** An answer's sentences (Chinese or English end punctuation closes one); fragments of 3 characters or less dropped. */
export function answerSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？!?；;])|(?<=\.)\s+/u)
    .map((t) => t.trim())
    .filter((t) => t.length > 3);
}

/**
 * Training examples of a knowledge base, intent = entry id: every phrasing of every entry (both languages),
 * then the first `answerSentences` sentences of each answer, since customers often ask in the answer's
 * words ("can I spend my points" for an answer saying points are spent at checkout). A sentence that
 * is also some entry's phrasing is left out, so it can never out-vote that phrasing.
 */
export function faqExamples(
  entries: readonly KnowledgeEntry[],
  outOfScope: readonly string[] = [],
  answerSentenceCount = DEFAULT_ANSWER_EXAMPLES,
): TrainingExample[] {
  const examples: TrainingExample[] = entries.flatMap((entry) =>
    LANGS.flatMap((lang) => (entry.questions[lang] ?? []).map((text) => ({ text, intent: entry.id }))),
  );
  const phrasings = new Set(examples.map((e) => key(e.text)));
  for (const entry of entries) {
    for (const lang of LANGS) {
      for (const text of answerSentences(entry.answer[lang] ?? '').slice(0, answerSentenceCount)) {
        if (!phrasings.has(key(text))) examples.push({ text, intent: entry.id });
      }
    }
  }
  for (const text of outOfScope) examples.push({ text, intent: OOS_INTENT });
  return examples;
}
