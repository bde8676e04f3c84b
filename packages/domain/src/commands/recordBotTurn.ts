import type { HandoffReason, HandoffTarget } from '@tandem/protocol';
import type { Deps } from '../events.ts';
import type { NewBotReply } from '../ports.ts';
import type { Attributes, Contact, Conversation, Message } from '../records.ts';
import { createOutbox } from './outbox.ts';
import { requestHumanWithin, routeHandoff } from './requestHuman.ts';

export interface BotTurnInput {
  /** the conversation as the turn read it: the turn counts only if nothing answered since (`botSeq`) */
  conversation: Conversation;
  /** the last customer message this turn answers */
  answeredSeq: number;
  /** client ids derive from the customer message answered, so a re-run never answers twice */
  replies: NewBotReply[];
  botState: Record<string, unknown>;
  /** what the bot learnt, kept for the human who picks the conversation up */
  tags: string[];
  priority: number;
  handover: { reason: HandoffReason; priority: number; target: HandoffTarget } | null;
  /** the customer asked for a person in words: remembered as preferring one next time */
  rememberPrefersHuman?: Contact | null;
  /** the customer's attributes (a VIP is served sooner) */
  attributes?: Attributes;
  /** the bot keeping watch while the customer waits for a person: stored only while still queued */
  watching?: boolean;
}

/**
 * The bot answers, in one transaction: the bot is the conversation's assignee, so "the bot never talks over
 * a person" is decided by the same compare-and-set that stores its replies (status still `bot`, no other turn
 * answered meanwhile). Replies, tags, priority and a hand-over commit together. Null when the turn lost
 * (a person took over, or the turn is stale): nothing was stored.
 */
export async function recordBotTurn(
  deps: Deps,
  input: BotTurnInput,
): Promise<{ conversation: Conversation; messages: Message[] } | null> {
  const { conversation: before } = input;
  const outbox = createOutbox();

  const tags = [...new Set([...before.tags, ...input.tags])];
  const priority = Math.max(before.priority, input.priority);
  const turn = {
    expectedBotSeq: before.botSeq,
    answeredSeq: input.answeredSeq,
    replies: input.replies,
    botState: input.botState,
    tags,
    priority,
    ...(input.watching ? { watching: true } : {}),
  };
  const annotated = tags.length !== before.tags.length || priority !== before.priority;
  const collect = (recorded: { conversation: Conversation; messages: Message[] }) => {
    for (const message of recorded.messages) {
      outbox.add('message.created', { message, conversation: recorded.conversation });
    }
    if (annotated)
      outbox.add('conversation.annotated', { conversation: recorded.conversation, actor: { kind: 'bot' } });
  };
  const { handover } = input;
  let result: { conversation: Conversation; messages: Message[] } | null;
  if (!handover) {
    // the usual turn: one statement
    result = await deps.store.conversations.recordBotTurn(before.id, turn);
    if (result) collect(result);
  } else {
    // where it goes is read first, so the transaction holds only the writes
    const route =
      before.status === 'bot'
        ? await routeHandoff(deps.store, before.workspaceId, handover.target)
        : undefined;
    result = await deps.store.transaction(async (tx) => {
      const recorded = await tx.conversations.recordBotTurn(before.id, turn);
      if (!recorded) return null;
      collect(recorded);
      const contact = input.rememberPrefersHuman;
      if (contact && contact.attributes.prefersHuman !== true) {
        await tx.contacts.touch(contact.id, { attributes: { ...contact.attributes, prefersHuman: true } });
      }
      const handed = await requestHumanWithin(
        tx,
        outbox,
        {
          conversation: recorded.conversation,
          reason: handover.reason,
          actor: { kind: 'bot' },
          priority: handover.priority,
          target: handover.target,
          ...(input.attributes ? { attributes: input.attributes } : {}),
        },
        route,
      );
      return { conversation: handed ?? recorded.conversation, messages: recorded.messages };
    });
  }
  if (result) outbox.publish(deps.events);
  return result;
}
