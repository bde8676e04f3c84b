import { type Clustering, maskSensitive } from '@tandem/engine';
import type { DemandTopicInput } from '@tandem/storage';
import type { MinedQuestion } from './collect.ts';
import { phrasingKey } from './phrasing.ts';

const DAY = 86_400_000;
/** "recent" is the last week; a new topic was first asked within it. */
const RECENT_DAYS = 7;
/** A spike: the last two days against the days before them. */
const SPIKE_DAYS = 2;
const SPIKE_MIN = 4;
const SPIKE_RATIO = 3;
const NEW_MIN = 3;
const PHRASINGS = 30;
const ANSWERS = 3;

export interface TopicWindow {
  now: Date;
  days: number;
}

/** Day index of a moment in the window (0 = oldest day, days-1 = today, UTC). */
export function dayIndex(at: Date, window: TopicWindow): number {
  const today = Math.floor(window.now.getTime() / DAY);
  return window.days - 1 - (today - Math.floor(at.getTime() / DAY));
}

/**
 * Is a topic spiking? Its questions of the last two days against what the days before them would lead one
 * to expect for two days (at least half a question): at least SPIKE_MIN, and SPIKE_RATIO times as many.
 */
export function isSpike(trend: readonly number[]): boolean {
  const last = trend.slice(-SPIKE_DAYS).reduce((s, n) => s + n, 0);
  const before = trend.slice(0, -SPIKE_DAYS);
  const expected = before.length === 0 ? 0 : (SPIKE_DAYS * before.reduce((s, n) => s + n, 0)) / before.length;
  return last >= SPIKE_MIN && last >= SPIKE_RATIO * Math.max(0.5, expected);
}

/** The people's answers to these questions, most given first (the same answer counted once per wording). */
function answersOf(members: readonly MinedQuestion[]): Array<{ text: string; count: number }> {
  const byKey = new Map<string, { text: string; count: number }>();
  for (const q of members) {
    if (!q.agentAnswer) continue;
    const key = phrasingKey(q.agentAnswer);
    const found = byKey.get(key);
    if (found) found.count++;
    else byKey.set(key, { text: maskSensitive(q.agentAnswer).slice(0, 2000), count: 1 });
  }
  return [...byKey.values()]
    .sort((a, b) => b.count - a.count || b.text.length - a.text.length)
    .slice(0, ANSWERS);
}

function teamsOf(members: readonly MinedQuestion[]): Array<{ teamId: string; count: number }> {
  const counts = new Map<string, number>();
  for (const q of members) if (q.teamId) counts.set(q.teamId, (counts.get(q.teamId) ?? 0) + 1);
  return [...counts].map(([teamId, count]) => ({ teamId, count })).sort((a, b) => b.count - a.count);
}

/**
 * Topics from a clustering of the mined questions: counts, the daily trend, representatives and phrasings
 * (sensitive numbers masked), the teams that handled them, people's answers, and whether the topic is new
 * (first asked in the last week, while the window holds older questions) or spiking. Largest first.
 */
export function buildTopics(
  questions: readonly MinedQuestion[],
  clustering: Clustering,
  window: TopicWindow,
): DemandTopicInput[] {
  const hasHistory = questions.some((q) => window.now.getTime() - q.at.getTime() > RECENT_DAYS * DAY);
  const recentFrom = window.now.getTime() - RECENT_DAYS * DAY;
  const previousFrom = recentFrom - RECENT_DAYS * DAY;
  return clustering.clusters.map((cluster) => {
    const members = cluster.members.map((i) => questions[i]!);
    const trend = new Array<number>(window.days).fill(0);
    let recent = 0;
    let previous = 0;
    let firstAt = members[0]!.at;
    let lastAt = members[0]!.at;
    for (const q of members) {
      const day = dayIndex(q.at, window);
      if (day >= 0 && day < window.days) trend[day]! += 1;
      const t = q.at.getTime();
      if (t >= recentFrom) recent++;
      else if (t >= previousFrom) previous++;
      if (q.at < firstAt) firstAt = q.at;
      if (q.at > lastAt) lastAt = q.at;
    }
    const phrasings: string[] = [];
    const seen = new Set<string>();
    for (const q of members) {
      const key = phrasingKey(q.text);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      phrasings.push(maskSensitive(q.text).slice(0, 200));
      if (phrasings.length >= PHRASINGS) break;
    }
    const representatives = cluster.representatives.map((i) =>
      maskSensitive(questions[i]!.text).slice(0, 200),
    );
    return {
      title: (representatives[0] ?? phrasings[0] ?? '').slice(0, 80),
      keywords: cluster.keywords,
      questions: members.length,
      recent,
      previous,
      trend,
      representatives,
      phrasings,
      teams: teamsOf(members),
      answers: answersOf(members),
      isNew: hasHistory && firstAt.getTime() >= recentFrom && members.length >= NEW_MIN,
      isSpike: isSpike(trend),
      coveredBy: null,
      firstAt,
      lastAt,
    };
  });
}
