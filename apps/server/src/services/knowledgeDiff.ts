import type { DiffPart, KnowledgeFieldDiff } from '@tandem/protocol';
import type { KnowledgeEntryRecord } from '@tandem/storage';
import { diffArrays, diffChars, diffWordsWithSpace } from 'diff';

interface Change<T> {
  value: T;
  added: boolean;
  removed: boolean;
}

const opOf = (c: { added: boolean; removed: boolean }): DiffPart['op'] =>
  c.added ? 'added' : c.removed ? 'removed' : 'same';

/** Lists (questions, related ids) line by line: one part per line. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffPart[] {
  const changes = diffArrays([...before], [...after]) as Array<Change<string[]>>;
  return changes.flatMap((c) => c.value.map((value) => ({ op: opOf(c), value })));
}

/**
 * An answer, by character in Chinese (a word there is one or two characters, and no spaces separate them) and
 * by word in English (spaces kept, so the parts put together give back both texts).
 */
export function diffText(before: string, after: string, lang: 'zh' | 'en'): DiffPart[] {
  const changes = (lang === 'zh' ? diffChars(before, after) : diffWordsWithSpace(before, after)) as Array<
    Change<string>
  >;
  const parts: DiffPart[] = [];
  for (const c of changes) {
    const op = opOf(c);
    const last = parts.at(-1);
    if (last && last.op === op) last.value += c.value;
    else if (c.value !== '') parts.push({ op, value: c.value });
  }
  return parts;
}

const anyChange = (parts: DiffPart[]) => parts.some((p) => p.op !== 'same');

/** Field by field, how `before` (null: no entry) becomes `after`. */
export function diffEntries(
  before: KnowledgeEntryRecord | null,
  after: KnowledgeEntryRecord | null,
): KnowledgeFieldDiff[] {
  const fields: KnowledgeFieldDiff[] = [];
  const value = (field: 'category' | 'enabled', a: string | boolean | null, b: string | boolean | null) =>
    fields.push({ field, kind: 'value', changed: a !== b, before: a, after: b });
  const lines = (field: 'questions.zh' | 'questions.en' | 'related', a: string[], b: string[]) => {
    const parts = diffLines(a, b);
    fields.push({ field, kind: 'lines', changed: anyChange(parts), parts });
  };
  const text = (lang: 'zh' | 'en') => {
    const parts = diffText(before?.answer[lang] ?? '', after?.answer[lang] ?? '', lang);
    fields.push({ field: `answer.${lang}`, kind: 'text', changed: anyChange(parts), parts });
  };
  value('category', before?.category ?? null, after?.category ?? null);
  lines('questions.zh', before?.questions.zh ?? [], after?.questions.zh ?? []);
  lines('questions.en', before?.questions.en ?? [], after?.questions.en ?? []);
  text('zh');
  text('en');
  lines('related', before?.related ?? [], after?.related ?? []);
  value('enabled', before?.enabled ?? null, after?.enabled ?? null);
  return fields;
}

/** The fields that differ, by name (`category`, `questions.zh`, `answer.en`, `enabled` …). */
export function changedFields(before: KnowledgeEntryRecord, after: KnowledgeEntryRecord): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (before.category !== after.category) out.push('category');
  for (const lang of ['zh', 'en'] as const) {
    if (!same(before.questions[lang], after.questions[lang])) out.push(`questions.${lang}`);
  }
  for (const lang of ['zh', 'en'] as const) {
    if (before.answer[lang] !== after.answer[lang]) out.push(`answer.${lang}`);
  }
  if (!same(before.related, after.related)) out.push('related');
  if (before.enabled !== after.enabled) out.push('enabled');
  return out;
}
