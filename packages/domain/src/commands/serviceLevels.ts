import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Conversation, SystemNoticeInput } from '../records.ts';
import type { SlaKind, SlaLevel } from '../routing/sla.ts';
import { createOutbox } from './outbox.ts';
import { applyTransition } from './transition.ts';

/** Raises an SLA warning or breach once (several processes may try: one wins). */
export async function raiseSla(
  deps: Deps,
  input: { conversation: Conversation; kind: SlaKind; level: SlaLevel; flag: string; dueAt: Date },
): Promise<Conversation | null> {
  const outbox = createOutbox();
  const raised = await deps.store.transaction(async (tx) => {
    const updated = await tx.service.addSlaFlag(input.conversation.id, input.flag);
    if (!updated) return null;
    await tx.events.record({
      conversationId: updated.id,
      workspaceId: updated.workspaceId,
      type: `sla_${input.level}`,
      fromStatus: updated.status,
      toStatus: updated.status,
      actorKind: 'system',
      actorId: null,
      data: { kind: input.kind, dueAt: input.dueAt.toISOString() },
    });
    outbox.add('conversation.sla', {
      conversation: updated,
      actor: { kind: 'system' },
      kind: input.kind,
      level: input.level,
      dueAt: input.dueAt,
    });
    return updated;
  });
  outbox.publish(deps.events);
  return raised;
}

/** Reminds the person serving that the customer is waiting for their answer (once per unanswered stretch). */
export async function nudgeAssignee(deps: Deps, conversation: Conversation): Promise<Conversation | null> {
  const nudged = await deps.store.service.markNudged(conversation.id, conversation.nudgedAt);
  if (!nudged?.assigneeId) return null;
  deps.events.publish('conversation.nudged', {
    conversation: nudged,
    actor: { kind: 'system' },
    userId: nudged.assigneeId,
  });
  return nudged;
}

/** Nudged and still silent: the conversation goes back to the queue at its place; the customer is told. */
export async function requeueUnanswered(
  deps: Deps,
  conversation: Conversation,
): Promise<Conversation | null> {
  try {
    return await applyTransition(deps, {
      conversation,
      command: 'release',
      actor: { kind: 'system' },
      // not offered straight back to the person who left the customer unanswered
      patch: {
        assigneeId: null,
        ...(conversation.assigneeId ? { declinedBy: [conversation.assigneeId] } : {}),
      },
      notice: { code: 'released' },
      data: { why: 'unanswered', userId: conversation.assigneeId },
      why: 'unanswered',
      // only if nobody wrote since it was found silent
      expectLastSeq: conversation.lastSeq,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_transition') return null;
    throw error;
  }
}

/** Closes a conversation nobody wrote in for the configured time, with a notice. */
export async function closeIdle(deps: Deps, conversation: Conversation): Promise<Conversation | null> {
  try {
    return await applyTransition(deps, {
      conversation,
      command: 'close',
      actor: { kind: 'system' },
      patch: { resolvedAt: conversation.resolvedAt ?? new Date() },
      notice: { code: 'auto_closed' },
      data: { why: 'idle' },
      // only if nobody wrote since it was found idle
      expectLastSeq: conversation.lastSeq,
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_transition') return null;
    throw error;
  }
}

/** Tells a waiting customer that nobody can take it now (nobody online, or out of hours), once per wait. */
export async function tellUnavailable(
  deps: Deps,
  conversation: Conversation,
  notice: SystemNoticeInput,
): Promise<void> {
  const { message } = await deps.store.messages
    .append({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      clientId: `unavailable-${conversation.id}-${conversation.queuedAt?.getTime() ?? 0}`,
      authorKind: 'system',
      authorId: null,
      text: '',
      notice,
    })
    .then((r) => (r.created ? r : { message: null }));
  if (message)
    deps.events.publish('message.created', {
      message,
      conversation: { ...conversation, lastSeq: message.seq },
    });
}
