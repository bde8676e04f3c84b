import type { DemandTopicInput } from '@tandem/storage';
import { LOW_CONFIDENCE } from './collect.ts';
import { phrasingKey } from './phrasing.ts';

/**
 * The bot's matcher score from which a question counts as answered by an entry: the confidence below which
 * an answered question is still mined (the matcher's score is the answer's confidence).
 */
export const COVERED_SCORE = LOW_CONFIDENCE;
const PROBES = 5;

export type BestEntry = (text: string) => { entryId: string; score: number } | null;

/** The entry most of `votes` name, when it has at least half of `total`. */
function majority(votes: readonly string[], total: number): string | null {
  const counts = new Map<string, number>();
  for (const v of votes) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [top] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return top && total > 0 && top[1] * 2 >= total ? top[0] : null;
}

/**
 * Which entry covers a topic, if any: the entry its phrasings were taught to from a topic before (half of
 * them or more), else the entry the bot's matcher now finds for half of its representative questions or
 * more with a score of at least COVERED_SCORE.
 */
export function coveringEntry(
  topic: Pick<DemandTopicInput, 'phrasings' | 'representatives'>,
  links: ReadonlyMap<string, string>,
  entries: ReadonlySet<string>,
  best: BestEntry | null,
): string | null {
  const linked = topic.phrasings.flatMap((p) => {
    const entry = links.get(phrasingKey(p));
    return entry && entries.has(entry) ? [entry] : [];
  });
  const byLink = majority(linked, topic.phrasings.length);
  if (byLink) return byLink;
  if (!best) return null;
  const probes = topic.representatives.slice(0, PROBES);
  const matched = probes.flatMap((text) => {
    const found = best(text);
    return found && found.score >= COVERED_SCORE && entries.has(found.entryId) ? [found.entryId] : [];
  });
  return majority(matched, probes.length);
}
