import { STATE_INFO } from '../states.ts';
import type { EmotionState } from '../types.ts';
import { type CompiledCue, compiledCues } from './compile.ts';
import {
  EN_DIMINISHERS,
  EN_INTENSIFIER_SUFFIXES,
  EN_INTENSIFIERS,
  EN_NEGATORS,
  NEGATION_TO_INTENSITY,
  ZH_DIMINISHERS,
  ZH_INTENSIFIER_SUFFIXES,
  ZH_INTENSIFIERS,
  ZH_NEGATORS,
  ZH_NOT_NEGATORS,
} from './modifiers.ts';

/** A cue found in the text, after intensifiers, diminishers and negation were applied. */
export interface CueHit {
  state: EmotionState;
  weight: number;
  text: string;
  start: number;
  /** Signals for agents, e.g. `intensifier:非常`, `negation:not`. */
  notes: string[];
}

interface RawHit {
  compiled: CompiledCue;
  start: number;
  end: number;
}

const INTENSIFY = 1.35;
const DIMINISH = 0.65;
const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;

function findRaw(lower: string): RawHit[] {
  const hits: RawHit[] = [];
  for (const compiled of compiledCues()) {
    if (compiled.needle !== '' && !lower.includes(compiled.needle)) continue;
    if (compiled.regex === null) {
      let at = lower.indexOf(compiled.needle);
      while (at !== -1) {
        hits.push({ compiled, start: at, end: at + compiled.needle.length });
        at = lower.indexOf(compiled.needle, at + compiled.needle.length);
      }
      continue;
    }
    compiled.regex.lastIndex = 0;
    for (const m of lower.matchAll(compiled.regex)) {
      const lead = m[0].length - m[0].trimStart().length;
      hits.push({ compiled, start: m.index + lead, end: m.index + m[0].length });
    }
  }
  return hits;
}

/** Longer cues win over the shorter ones they contain (投诉 inside 我要投诉, sad inside so sad). */
function dropOverlaps(hits: RawHit[]): RawHit[] {
  const sorted = [...hits].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || b.compiled.cue.weight - a.compiled.cue.weight,
  );
  const kept: RawHit[] = [];
  for (const hit of sorted) {
    if (kept.every((k) => hit.end <= k.start || hit.start >= k.end)) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Modifiers do not reach across a clause boundary: 还没到，我要投诉 is not a negated complaint. */
function clause(before: string): string {
  const cut = Math.max(...[...'，,。.!?！？;；~'].map((p) => before.lastIndexOf(p)));
  return cut === -1 ? before : before.slice(cut + 1);
}

function zhContext(before: string, after: string) {
  let window = before.slice(-4);
  for (const word of ZH_NOT_NEGATORS) window = window.replaceAll(word, '＿'.repeat(word.length));
  const negator = ZH_NEGATORS.find((n) => window.slice(-3).includes(n));
  const intensifier = ZH_INTENSIFIERS.find((w) => before.slice(-3).includes(w));
  const suffix = ZH_INTENSIFIER_SUFFIXES.find((s) => after.startsWith(s));
  const diminisher = ZH_DIMINISHERS.find((w) => before.slice(-4).includes(w));
  return { negator, intensifier: intensifier ?? suffix, diminisher };
}

function enContext(before: string, after: string) {
  const words = before
    .replace(/n't\b/g, " n't")
    .split(/[^a-z']+/)
    .filter((w) => w.length > 0)
    .slice(-3)
    .map((w) => w.replace(/'/g, '').replace(/(.)\1{2,}/g, '$1$1') || "n't");
  const negator = words.find((w) => EN_NEGATORS.has(w) || w === 'nt');
  const near = words.slice(-2);
  const intensifier =
    near.find((w) => EN_INTENSIFIERS.has(w)) ??
    (EN_INTENSIFIER_SUFFIXES.some((re) => re.test(after)) ? 'suffix' : undefined);
  const diminisher =
    near.find((w) => EN_DIMINISHERS.has(w)) ??
    (/kind of\s*$|sort of\s*$/.test(before) ? 'kind of' : undefined);
  return { negator, intensifier, diminisher };
}

function applyContext(lower: string, hit: RawHit): CueHit | null {
  const { cue } = hit.compiled;
  const before = clause(lower.slice(Math.max(0, hit.start - 24), hit.start));
  const after = lower.slice(hit.end, hit.end + 12);
  if (cue.notAfter?.some((w) => before.endsWith(w))) return null;
  if (cue.notBefore?.some((w) => after.startsWith(w))) return null;
  const text = lower.slice(hit.start, hit.end);
  // Emoji carry their emotion whatever words stand before them: 又没货了[泪] is sad, not "not sad".
  if (text.startsWith('[') || !LETTER.test(text))
    return { state: cue.state, weight: cue.weight, text, start: hit.start, notes: [] };
  const isHan = HAN.test(text) || HAN.test(before.slice(-1));
  const context = isHan ? zhContext(before, after) : enContext(before, after);
  const notes: string[] = [];
  let weight = cue.weight;
  let state = cue.state;
  if (context.negator !== undefined && NEGATION_TO_INTENSITY.test(before)) {
    weight *= INTENSIFY;
    notes.push(`intensifier:${before.trim().slice(-8)}`);
  } else if (context.negator !== undefined) {
    notes.push(`negation:${context.negator}`);
    if (STATE_INFO[state].polarity !== 'positive' || state === 'gratitude')
      return { state, weight: 0, text, start: hit.start, notes };
    state = 'disappointment';
    weight *= 0.8;
  } else if (context.intensifier !== undefined) {
    weight *= INTENSIFY;
    notes.push(`intensifier:${context.intensifier}`);
  }
  if (context.diminisher !== undefined) {
    weight *= DIMINISH;
    notes.push(`diminisher:${context.diminisher}`);
  }
  return { state, weight: Math.min(1, weight), text, start: hit.start, notes };
}

/** Finds every cue in the text (lower-cased, cleaned), with its weight after local modifiers. */
export function findCues(lower: string): CueHit[] {
  const hits: CueHit[] = [];
  for (const raw of dropOverlaps(findRaw(lower))) {
    const hit = applyContext(lower, raw);
    if (hit !== null) hits.push(hit);
  }
  return hits;
}
