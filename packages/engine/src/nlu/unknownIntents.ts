import type { Item } from './items.ts';
import { type Evidence, type IntentModel, OOS_INTENT } from './model.ts';
import type { OosSample } from './oos.ts';
import { seededRandom, shuffle } from './random.ts';
import { holdoutMask } from './split.ts';

/**
 * Out-of-scope samples for a workspace that labelled none, by **leaving intents out**: a model trained
 * without some of the workspace's intents meets their examples as a real bot meets questions it was never
 * taught, which mostly sound like its own (a bank's bot asked about a banking task it does not do). Those
 * examples become the out-of-scope side of the detector's training; held-out examples of the intents the
 * model kept are the in-scope side, judged by the same model so both sides see the same number of intents.
 *
 * The intents are split into `groups`; for each group a model is trained on the other intents' training
 * part (a stratified hold-out of `HOLDOUT_SHARE`), then judged on the hold-out of the kept intents and on
 * up to `PER_INTENT` examples of every left-out intent. Generated off-topic text in the hold-out stays an
 * out-of-scope sample with its own small weight.
 */
export interface UnknownIntentOptions {
  /** how many groups the intents are split into (each is left out once; default 3) */
  groups?: number;
  /** share of real traffic assumed out of scope when weighing the simulated samples (see train.ts) */
  share: number;
  seed: number;
}

/** Below this many intents a left-out group says little about real unknown questions. */
export const MIN_INTENTS = 6;
const HOLDOUT_SHARE = 0.25;
const PER_INTENT = 40;

/** What a model that did not learn an item's intent (or did not see the item) makes of it. */
export interface UnknownIntentEvidence {
  evidence: Evidence;
  /** the item's intent; null for a left-out intent's example (simulated out of scope) */
  label: string | null;
  weight: number;
}

export interface UnknownIntentSamples {
  /** the first group's model, to judge evidence with (all share the class list) */
  judge: IntentModel;
  seen: UnknownIntentEvidence[];
}

/** Turns the evidence into detector samples at a temperature. */
export function unknownIntentSamples(found: UnknownIntentSamples, temperature: number): OosSample[] {
  return found.seen.map(({ evidence, label, weight }) => {
    const { ranking, signals } = found.judge.judge(evidence, temperature);
    const outOfScope = label === null || label === OOS_INTENT;
    return { signals, outOfScope, correct: !outOfScope && ranking[0]?.intent === label, weight };
  });
}

/**
 * Evidence for the simulated out-of-scope and the in-scope samples; null when the workspace has too few
 * intents. `train` fits a model on some items (the caller's partial model, with the full class list).
 */
export function leaveIntentsOut(
  items: readonly Item[],
  train: (part: readonly Item[]) => IntentModel,
  options: UnknownIntentOptions,
): UnknownIntentSamples | null {
  const labels = items.map((i) => i.label);
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const intents = [...counts.keys()].filter((c) => c !== OOS_INTENT && (counts.get(c) ?? 0) >= 2).sort();
  const groups = Math.max(2, options.groups ?? 3);
  if (intents.length < Math.max(MIN_INTENTS, groups * 2)) return null;
  const random = seededRandom(options.seed + 7919);
  const groupOf = new Map(shuffle([...intents], random).map((intent, i) => [intent, i % groups]));
  const heldOut = holdoutMask(labels, HOLDOUT_SHARE, options.seed + 104729);

  const collected: UnknownIntentEvidence[] = [];
  let judge: IntentModel | null = null;
  let inScopeWeight = 0;
  let simulated = 0;
  for (let g = 0; g < groups; g++) {
    const left = (label: string) => groupOf.get(label) === g;
    const model = train(items.filter((item, i) => !heldOut[i] && !left(item.label)));
    judge ??= model;
    const taken = new Map<string, number>();
    items.forEach((item, i) => {
      if (left(item.label)) {
        const n = taken.get(item.label) ?? 0;
        if (n >= PER_INTENT) return;
        taken.set(item.label, n + 1);
        const evidence = model.evidence(model.analyzer.analyze(item.text));
        if (!evidence) return;
        collected.push({ evidence, label: null, weight: -1 });
        simulated++;
      } else if (heldOut[i]) {
        const evidence = model.evidence(model.analyzer.analyze(item.text));
        if (!evidence) return;
        collected.push({ evidence, label: item.label, weight: item.weight });
        if (item.label !== OOS_INTENT) inScopeWeight += item.weight;
      }
    });
  }
  if (judge === null || simulated === 0 || inScopeWeight === 0) return null;
  // the simulated questions count as `share` of the traffic, whatever their number
  const share = Math.min(0.5, Math.max(0.001, options.share));
  const each = ((share / (1 - share)) * inScopeWeight) / simulated;
  for (const c of collected) if (c.label === null) c.weight = each;
  return { judge, seen: collected };
}
