import type { TurnOutput } from '../types.ts';
import type { BotExpectation } from './schema.ts';

export interface Mismatch {
  field: string;
  expected: unknown;
  actual: unknown;
}

const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>(
    // own properties only: an expected path such as `vars.constructor` must not find Object.prototype's members
    (v, key) =>
      v && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined,
    value,
  );

/** Compares one bot turn with what the transcript expects; returns every difference. */
export function checkTurn(expect: BotExpectation, out: TurnOutput): Mismatch[] {
  const misses: Mismatch[] = [];
  const text = out.replies.map((r) => r.text).join('\n');
  const labels = out.replies.flatMap((r) => r.buttons.map((b) => b.label));
  const miss = (field: string, expected: unknown, actual: unknown) =>
    misses.push({ field, expected, actual });

  if (expect.kind !== undefined && expect.kind !== out.kind) miss('kind', expect.kind, out.kind);
  if (expect.intent !== undefined && expect.intent !== out.intent) miss('intent', expect.intent, out.intent);
  for (const part of expect.contains ?? []) if (!text.includes(part)) miss('contains', part, text);
  for (const part of expect.not_contains ?? []) if (text.includes(part)) miss('not_contains', part, text);
  if (expect.buttons !== undefined) {
    const missing = expect.buttons.filter((b) => !labels.includes(b));
    if (missing.length > 0 || (expect.buttons.length === 0 && labels.length > 0))
      miss('buttons', expect.buttons, labels);
  }
  if (expect.min_buttons !== undefined && labels.length < expect.min_buttons)
    miss('min_buttons', expect.min_buttons, labels.length);
  if (
    expect.emotion !== undefined &&
    expect.emotion !== out.emotion.basic &&
    expect.emotion !== out.emotion.emotion
  ) {
    miss(
      'emotion',
      expect.emotion,
      `${out.emotion.emotion} (${out.emotion.basic}, ${out.emotion.intensity.toFixed(2)})`,
    );
  }
  if (expect.polarity !== undefined && expect.polarity !== out.emotion.polarity)
    miss('polarity', expect.polarity, out.emotion.polarity);
  if (expect.handoff !== undefined) {
    const actual = out.handover?.reason ?? false;
    const ok = expect.handoff === true ? actual !== false : expect.handoff === actual;
    if (!ok) miss('handoff', expect.handoff, actual);
  }
  if (expect.tier !== undefined && out.handover?.tier !== expect.tier)
    miss('tier', expect.tier, out.handover?.tier ?? null);
  if (expect.min_priority !== undefined && out.priority < expect.min_priority)
    miss('min_priority', expect.min_priority, out.priority);
  for (const tag of expect.tags ?? []) if (!out.tags.includes(tag)) miss('tags', tag, out.tags);
  if (expect.flow?.id !== undefined && out.flow?.id !== expect.flow.id)
    miss('flow.id', expect.flow.id, out.flow?.id ?? null);
  if (expect.flow?.outcome !== undefined && out.flow?.outcome !== expect.flow.outcome) {
    miss('flow.outcome', expect.flow.outcome, out.flow?.outcome ?? null);
  }
  for (const [path, value] of Object.entries(expect.vars ?? {})) {
    const actual = get(out.flow?.vars, path);
    if (JSON.stringify(actual) !== JSON.stringify(value)) miss(`vars.${path}`, value, actual);
  }
  return misses;
}
