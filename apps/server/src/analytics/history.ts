import { randomUUID } from 'node:crypto';
import { analyticsRepository, type ConversationFact, type Db } from '@tandem/storage';

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Relative traffic per hour of the day (local): a morning and an afternoon peak, a smaller evening one. */
const HOURLY = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2.5, 5, 8, 10, 9, 6, 7, 9, 10, 9, 7, 5, 5, 6, 5, 3, 2];
/** Monday … Sunday (index 0 is Sunday, as `getDay`). */
const WEEKDAY = [0.6, 1.1, 1.05, 1, 1, 0.95, 0.7];
const INTENTS: Array<[string, number]> = [
  ['order_status', 20],
  ['refund', 14],
  ['delivery_delay', 12],
  ['change_address', 8],
  ['invoice', 7],
  ['payment_failed', 7],
  ['coupon', 6],
  ['return_policy', 6],
  ['account_login', 5],
  ['product_question', 5],
  ['complaint', 4],
  ['', 6],
];
const REASONS: Array<[string, number]> = [
  ['customer_request', 45],
  ['repeated_miss', 20],
  ['keyword', 10],
  ['emotion', 12],
  ['rule', 8],
  ['flow', 5],
];
const EMOTIONS: Array<[string, number]> = [
  ['neutral', 62],
  ['joy', 10],
  ['anger', 10],
  ['sadness', 8],
  ['fear', 4],
  ['surprise', 3],
  ['disgust', 3],
];

function pick<T>(next: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = next() * total;
  for (const [value, w] of weighted) {
    r -= w;
    if (r <= 0) return value;
  }
  return (weighted.at(-1) as [T, number])[0];
}

export interface HistoryOptions {
  workspaceId: string;
  /** days back from `now` */
  days: number;
  /** average conversations per day */
  perDay: number;
  now: Date;
  /** the local time zone's offset from UTC in hours (traffic follows local hours) */
  utcOffsetHours: number;
  teamIds: string[];
  agentIds: string[];
  seed?: number;
}

/**
 * Realistic history for dashboards and the benchmark: conversations across hours, weekdays, intents,
 * languages, emotions, hand-overs with reasons, response times, CSAT and SLA, written as analytics facts
 * (the rollup path: facts, then the rollups of their hours). Returns how many conversations it wrote.
 */
export async function generateHistory(db: Db, options: HistoryOptions): Promise<number> {
  const next = random(options.seed ?? 42);
  const repo = analyticsRepository(db);
  const contacts = Array.from({ length: Math.max(10, Math.round(options.perDay * 3)) }, () => randomUUID());
  const batch: ConversationFact[] = [];
  let written = 0;
  const flush = async () => {
    await repo.upsertFacts(batch.splice(0));
    while ((await repo.refreshRollups(500)) > 0);
  };
  const hourWeight = HOURLY.reduce((a, b) => a + b, 0);
  const start = options.now.getTime() - options.days * 86_400_000;
  for (let h = Math.floor(start / 3_600_000); h * 3_600_000 < options.now.getTime(); h++) {
    const local = new Date((h + options.utcOffsetHours) * 3_600_000);
    const expected =
      (options.perDay * (HOURLY[local.getUTCHours()] as number) * (WEEKDAY[local.getUTCDay()] as number)) /
      hourWeight;
    // a Poisson-like count around the expected value
    let count = Math.floor(expected);
    if (next() < expected - count) count += 1;
    for (let i = 0; i < count; i++) {
      const startedAt = new Date(h * 3_600_000 + Math.floor(next() * 3_600_000));
      const intent = pick(next, INTENTS);
      const emotion = pick(next, EMOTIONS);
      const negative = emotion === 'anger' || emotion === 'disgust' || emotion === 'sadness';
      const queued = next() < (negative ? 0.55 : intent === '' ? 0.6 : 0.22);
      const assigned = queued && next() < 0.93;
      const waitS = assigned ? Math.round(10 + next() ** 2 * 400) : null;
      const frtS = assigned && waitS !== null ? waitS + Math.round(5 + next() * 60) : null;
      const handleS = assigned ? Math.round(120 + next() * next() * 1500) : null;
      const endedAt = new Date(startedAt.getTime() + ((waitS ?? 0) + (handleS ?? 60 + next() * 300)) * 1000);
      const ended = endedAt.getTime() < options.now.getTime() - 600_000;
      const rated = ended && next() < 0.4;
      const csat = rated
        ? negative
          ? pick(next, [
              [1, 3],
              [2, 3],
              [3, 2],
              [4, 1],
              [5, 1],
            ])
          : pick(next, [
              [1, 1],
              [2, 1],
              [3, 2],
              [4, 5],
              [5, 9],
            ])
        : null;
      const botReplies = 1 + Math.floor(next() * 4);
      const oosReplies = intent === '' ? 1 + Math.floor(next() * botReplies) : next() < 0.08 ? 1 : 0;
      const teamId = queued ? (options.teamIds[Math.floor(next() * options.teamIds.length)] ?? '') : '';
      const agentId = assigned ? (options.agentIds[Math.floor(next() * options.agentIds.length)] ?? '') : '';
      const recent = options.now.getTime() - endedAt.getTime() < 86_400_000;
      const repeat = next() < 0.07;
      batch.push({
        conversationId: randomUUID(),
        workspaceId: options.workspaceId,
        contactId: contacts[Math.floor(next() * contacts.length)] as string,
        startedAt,
        endedAt: ended ? endedAt : null,
        channel: 'widget',
        lang: next() < 0.78 ? 'zh' : 'en',
        teamId,
        agentId,
        intent,
        reason: queued ? pick(next, REASONS) : '',
        emotion,
        queued,
        assigned,
        transfers: assigned && next() < 0.08 ? 1 : 0,
        frtS,
        waitS,
        handleS: ended ? handleS : null,
        csat,
        slaMet: queued && ended ? next() < 0.9 : null,
        botReplies,
        oosReplies,
        botOutcome: !ended
          ? ''
          : queued || (csat !== null && csat <= 2) || repeat
            ? 'unresolved'
            : recent
              ? 'pending'
              : 'resolved',
      });
      written += 1;
      if (batch.length >= 1000) await flush();
    }
  }
  await flush();
  return written;
}
