import { DomainError, type User } from '@tandem/domain';
import { hasHan } from '@tandem/engine';
import type { AnswerQuality, DemandDraft, DemandOverview, DemandRun, DemandTopic } from '@tandem/protocol';
import { type DemandRunRecord, type DemandTopicRecord, demandRepository } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { phrasingKey } from './phrasing.ts';
import { ABANDONED_MS, demandMiner, REFRESH_MS } from './runner.ts';

const MAX_PHRASINGS = 50;

/** Demand and answer quality are for the people who run the service: supervisors and admins. */
export function assertMayMine(user: User): void {
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only admins and supervisors may see demand and answer quality');
}

export const presentRun = (run: DemandRunRecord): DemandRun => ({
  id: run.id,
  status: run.status,
  windowDays: run.windowDays,
  questions: run.questions,
  topics: run.topics,
  error: run.error,
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

const presentTopic = (topic: DemandTopicRecord, teamNames: ReadonlyMap<string, string>): DemandTopic => ({
  id: topic.id,
  title: topic.title,
  keywords: topic.keywords,
  questions: topic.questions,
  recent: topic.recent,
  previous: topic.previous,
  trend: topic.trend,
  representatives: topic.representatives,
  teams: topic.teams.map((t) => ({ ...t, name: teamNames.get(t.teamId) ?? t.teamId })),
  hasAgentAnswer: topic.answers.length > 0,
  isNew: topic.isNew,
  isSpike: topic.isSpike,
  coveredBy: topic.coveredBy,
  firstAt: topic.firstAt.toISOString(),
  lastAt: topic.lastAt.toISOString(),
});

/**
 * The topics of the newest finished run and the state of the newest run. Results that are missing or older
 * than a day start a fresh run in the background (the answer says it is running), so topics stay current
 * without anyone asking.
 */
export async function demandOverview(ctx: AppContext, user: User): Promise<DemandOverview> {
  assertMayMine(user);
  const repo = demandRepository(ctx.store.db);
  let run = await repo.latestRun(user.workspaceId);
  // stale results are refreshed; a run left "running" by a stopped process (its heartbeat stopped) is replaced
  if (
    !run ||
    (run.status === 'running'
      ? Date.now() - run.heartbeatAt.getTime() > ABANDONED_MS
      : Date.now() - run.startedAt.getTime() > REFRESH_MS)
  )
    run = (await demandMiner(ctx).start(user.workspaceId, null)).run;
  const resultsOf = await repo.latestDoneRun(user.workspaceId);
  const topics = resultsOf ? await repo.topics(resultsOf.id) : [];
  const teams = await ctx.store.teams.listByWorkspace(user.workspaceId);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  return {
    run: presentRun(run),
    resultsOf: resultsOf ? presentRun(resultsOf) : null,
    topics: topics.map((t) => presentTopic(t, names)),
  };
}

/** Mines again now (rate limited at the route); a run already in progress is answered instead. */
export async function startDemandRun(ctx: AppContext, user: User, windowDays: number | undefined) {
  assertMayMine(user);
  const { run, started } = await demandMiner(ctx).start(user.workspaceId, user.id, windowDays);
  return { run: presentRun(run), started };
}

async function topicOf(ctx: AppContext, user: User, topicId: string): Promise<DemandTopicRecord> {
  const topic = await demandRepository(ctx.store.db).topic(user.workspaceId, topicId);
  if (!topic) throw new DomainError('not_found', 'no such topic (a newer run may have replaced it)');
  return topic;
}

/** An id for a new entry from the topic's Latin keywords, else from its date; never one already taken. */
function draftId(topic: DemandTopicRecord, taken: ReadonlySet<string>): string {
  const latin = topic.keywords
    .map((k) =>
      k
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .slice(0, 3)
    .join('-');
  const base = (latin || `topic-${topic.firstAt.toISOString().slice(0, 10).replaceAll('-', '')}`).slice(
    0,
    56,
  );
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function addPhrasings(into: { zh: string[]; en: string[] }, phrasings: readonly string[]) {
  const seen = new Set([...into.zh, ...into.en].map(phrasingKey));
  const out = { zh: [...into.zh], en: [...into.en] };
  for (const p of phrasings) {
    const key = phrasingKey(p);
    if (!key || seen.has(key)) continue;
    const list = hasHan(p) ? out.zh : out.en;
    if (list.length >= MAX_PHRASINGS) continue;
    seen.add(key);
    list.push(p.slice(0, 200));
  }
  return out;
}

/**
 * A knowledge entry drafted from a topic, for review in the Knowledge editor: a new entry with the topic's
 * phrasings and the people's most given answer (in its language; the other language left for the admin),
 * or, with `entryId`, that entry with the topic's phrasings added. Nothing is saved here.
 */
export async function demandDraft(
  ctx: AppContext,
  user: User,
  topicId: string,
  entryId?: string,
): Promise<DemandDraft> {
  assertMayMine(user);
  const topic = await topicOf(ctx, user, topicId);
  const phrasings = [...topic.representatives, ...topic.phrasings];
  if (entryId) {
    const entry = await ctx.store.knowledge.find(user.workspaceId, entryId);
    if (!entry) throw new DomainError('not_found', 'no such knowledge entry');
    return {
      topicId,
      mode: 'merge',
      entry: {
        id: entry.id,
        category: entry.category,
        questions: addPhrasings(entry.questions, phrasings),
        answer: entry.answer,
        related: entry.related,
        enabled: entry.enabled,
      },
    };
  }
  const taken = new Set((await ctx.store.knowledge.list(user.workspaceId)).map((e) => e.id));
  const best = topic.answers[0]?.text ?? '';
  return {
    topicId,
    mode: 'new',
    entry: {
      id: draftId(topic, taken),
      category: 'general',
      questions: addPhrasings({ zh: [], en: [] }, phrasings),
      answer: { zh: hasHan(best) ? best : '', en: hasHan(best) ? '' : best },
      related: [],
    },
  };
}

/** After the entry made from a topic is saved: the topic shows as covered, now and in later runs. */
export async function linkDemandTopic(ctx: AppContext, user: User, topicId: string, entryId: string) {
  assertMayMine(user);
  const topic = await topicOf(ctx, user, topicId);
  const entry = await ctx.store.knowledge.find(user.workspaceId, entryId);
  if (!entry) throw new DomainError('not_found', 'no such knowledge entry');
  const keys = [...topic.representatives, ...topic.phrasings].map(phrasingKey).filter(Boolean);
  await demandRepository(ctx.store.db).linkTopic(user.workspaceId, topicId, entryId, keys);
  return { topicId, coveredBy: entryId };
}

/** Lower bound of the 95% Wilson interval: a rate that is high and well attested ranks above a lucky one. */
export function wilsonLower(failures: number, total: number): number {
  if (total === 0) return 0;
  const z = 1.96;
  const p = failures / total;
  const denominator = 1 + (z * z) / total;
  const centre = p + (z * z) / (2 * total);
  const margin = z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total));
  return (centre - margin) / denominator;
}

/** Answers that do not work: per entry, flow or intent, how often an answer was followed by trouble. */
export async function answerQuality(
  ctx: AppContext,
  user: User,
  query: { kind?: 'entry' | 'flow' | 'intent' | undefined; minMatched?: number | undefined },
): Promise<{ resultsOf: DemandRun | null; items: AnswerQuality[] }> {
  assertMayMine(user);
  const repo = demandRepository(ctx.store.db);
  const resultsOf = await repo.latestDoneRun(user.workspaceId);
  if (!resultsOf) return { resultsOf: null, items: [] };
  const entries = new Map((await ctx.store.knowledge.list(user.workspaceId)).map((e) => [e.id, e]));
  const min = query.minMatched ?? 3;
  const items = (await repo.quality(resultsOf.id))
    .filter((q) => q.matched >= min && (!query.kind || q.kind === query.kind))
    .map((q) => {
      const entry = entries.get(q.key);
      const zh = entry?.questions.zh[0] ?? entry?.questions.en[0] ?? q.key;
      const title = { zh, en: entry?.questions.en[0] ?? zh };
      return { ...q, title, failureRate: q.failures / q.matched, rank: wilsonLower(q.failures, q.matched) };
    })
    .sort((a, b) => b.rank - a.rank || b.matched - a.matched || (a.key < b.key ? -1 : 1))
    .map(({ rank: _rank, ...item }) => item);
  return { resultsOf: presentRun(resultsOf), items };
}
