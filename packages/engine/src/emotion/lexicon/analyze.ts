import type { EmotionState } from '../types.ts';
import { type GlobalSignals, globalSignals } from './global.ts';
import { type CueHit, findCues } from './match.ts';

/** What the hand-written lexicons find in one message. */
export interface LexiconAnalysis {
  hits: CueHit[];
  /** Combined score 0..1 of every state that fired (strongest cue + a share of the others). */
  scores: Map<EmotionState, number>;
  global: GlobalSignals;
  signals: string[];
}

function combine(weights: number[]): number {
  const sorted = [...weights].sort((a, b) => b - a);
  let score = 0;
  let share = 1;
  for (const w of sorted) {
    score += w * share;
    share *= 0.3;
  }
  return Math.min(1, score);
}

export function analyzeLexicon(text: string): LexiconAnalysis {
  const lower = text.toLowerCase();
  const hits = findCues(lower);
  const global = globalSignals(text);
  const byState = new Map<EmotionState, number[]>();
  const signals: string[] = [];
  for (const hit of hits) {
    signals.push(`${hit.state}:${hit.text}`, ...hit.notes);
    if (hit.weight <= 0) continue;
    const list = byState.get(hit.state) ?? [];
    list.push(hit.weight);
    byState.set(hit.state, list);
  }
  if (global.questions >= 2 && byState.size === 0) byState.set('confusion', [0.35]);
  if (global.interrobang && byState.size === 0) byState.set('shock', [0.4]);
  const scores = new Map<EmotionState, number>();
  for (const [state, weights] of byState) scores.set(state, combine(weights));
  if (global.exclamations >= 2) signals.push(`punct:${'!'.repeat(Math.min(3, global.exclamations))}`);
  if (global.questions >= 2) signals.push(`punct:${'?'.repeat(Math.min(3, global.questions))}`);
  if (global.interrobang) signals.push('punct:?!');
  if (global.repetition !== null) signals.push(`repetition:${global.repetition.slice(0, 12)}`);
  if (global.caps.length > 0) signals.push(`caps:${global.caps.slice(0, 3).join(' ')}`);
  return { hits, scores, global, signals: [...new Set(signals)] };
}

/** How much the whole-message signals raise intensity (0 … 0.35). */
export function globalBoost(global: GlobalSignals): number {
  let boost = 0;
  if (global.exclamations >= 3) boost += 0.15;
  else if (global.exclamations === 2) boost += 0.1;
  if (global.questions >= 2 || global.interrobang) boost += 0.05;
  if (global.repetition !== null) boost += 0.1;
  if (global.caps.length > 0) boost += 0.15;
  return Math.min(0.35, boost);
}
