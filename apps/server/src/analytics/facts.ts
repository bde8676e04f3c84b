import type { ConversationFact, FactSource } from '@tandem/storage';

/** A bot reply of this kind means the bot did not understand the question (out of scope). */
const OUT_OF_SCOPE_KINDS = new Set(['unknown']);
/** CSAT scores (1–5) that count as negative. */
export const NEGATIVE_CSAT_MAX = 2;

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;

interface Reading {
  basic?: unknown;
  polarity?: unknown;
  intensity?: unknown;
}

/**
 * The conversation's emotion for analytics: its strongest negative reading when it had one (what staff
 * would want to know about), else its latest; the basic emotion's name.
 */
function emotionOf(trajectory: unknown): string {
  if (!trajectory || typeof trajectory !== 'object') return '';
  const { current, history } = trajectory as { current?: Reading; history?: Reading[] };
  let worst: Reading | null = null;
  for (const reading of [...(Array.isArray(history) ? history : []), ...(current ? [current] : [])]) {
    if (reading.polarity !== 'negative') continue;
    if (!worst || Number(reading.intensity ?? 0) > Number(worst.intensity ?? 0)) worst = reading;
  }
  const chosen = worst ?? current;
  return typeof chosen?.basic === 'string' ? chosen.basic : '';
}

/**
 * One conversation as analytics counts it, from what is stored of it (docs/metrics.md defines each field).
 * Pure: the same sources give the same fact, so replaying events or sweeping again changes nothing.
 */
export function computeFact(source: FactSource): ConversationFact {
  const firstTo = (status: string) => source.events.find((e) => e.toStatus === status)?.at ?? null;
  const queuedAt = firstTo('queued');
  const assignedAt = firstTo('assigned');
  const lastEvent = source.events.at(-1);
  const endedAt =
    source.status === 'resolved'
      ? (source.resolvedAt ?? lastEvent?.at ?? null)
      : source.status === 'closed'
        ? ((lastEvent?.toStatus === 'closed' ? lastEvent.at : null) ?? source.resolvedAt ?? source.createdAt)
        : null;
  const queued = queuedAt !== null;
  const assigned = assignedAt !== null;
  // moved on by its person or a supervisor: to a queue, or from one person straight to another
  const transfers = source.events.filter(
    (e) => e.type === 'transfer' || (e.type === 'assign' && e.fromStatus === 'assigned'),
  ).length;
  const intent = source.botReplies.find((r) => r.intent)?.intent ?? '';
  const oos = source.botReplies.filter((r) => OUT_OF_SCOPE_KINDS.has(r.kind)).length;
  const breached = source.slaFlags.some((flag) => flag.endsWith(':breach'));
  const slaMet = !source.slaDue ? null : breached ? false : endedAt ? true : null;
  const negative = source.csat !== null && source.csat <= NEGATIVE_CSAT_MAX;
  const botOutcome: ConversationFact['botOutcome'] =
    endedAt === null ? '' : queued || negative ? 'unresolved' : 'pending';
  const agentId = source.lastAgentId ?? (assigned ? source.assigneeId : null) ?? '';
  return {
    conversationId: source.id,
    workspaceId: source.workspaceId,
    contactId: source.contactId,
    sourceVersion: source.version,
    startedAt: source.createdAt,
    endedAt,
    channel: source.channel,
    lang: source.contactLang ?? 'zh',
    teamId: queued ? (source.teamId ?? '') : '',
    agentId: assigned ? agentId : '',
    intent,
    reason: queued ? (source.handoffReason ?? '') : '',
    emotion: emotionOf(source.emotion),
    queued,
    assigned,
    transfers,
    frtS: queued && assigned ? seconds(queuedAt, source.firstResponseAt) : null,
    waitS: seconds(queuedAt, assignedAt),
    handleS: assigned ? seconds(assignedAt, endedAt) : null,
    csat: source.csat,
    slaMet,
    botReplies: source.botReplies.length,
    oosReplies: oos,
    botOutcome,
  };
}
