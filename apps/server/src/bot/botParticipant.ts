import type { Conversation, Message } from '@tandem/domain';
import { postBotMessage, requestHuman } from '@tandem/domain';
import type { ConversationBotState, TurnOutput } from '@tandem/engine';
import type { AppContext } from '../context.ts';
import { rememberPrefersHuman } from '../services/preferences.ts';
import { createKeyedQueue } from './keyedQueue.ts';

/**
 * The bot is one more participant of a conversation: it answers customer messages while the conversation is
 * with the bot, and hands over to the human queue when it should. It never talks over a person.
 */
export function startBotParticipant(ctx: AppContext): () => void {
  const enqueue = createKeyedQueue();
  return ctx.events.subscribe('message.created', ({ message, conversation }) => {
    if (message.authorKind !== 'customer' || conversation.status !== 'bot') return;
    // answers in the background, one turn at a time per conversation, so the customer's send is never held up
    void enqueue(conversation.id, () => botTurn(ctx, conversation.id, message)).catch((error: unknown) =>
      ctx.log.error({ err: error, conversationId: conversation.id }, 'bot turn failed'),
    );
  });
}

async function botTurn(ctx: AppContext, conversationId: string, message: Message): Promise<void> {
  const current = await ctx.store.conversations.findById(conversationId);
  if (current?.status !== 'bot') return;
  const contact = await ctx.store.contacts.findById(current.contactId);
  const engine = await ctx.bots.forWorkspace(current.workspaceId);
  const previous = isEngineState(current.botState) ? current.botState : null;
  const turn = await engine.turn(previous, {
    text: message.text,
    attributes: contact?.attributes ?? {},
    now: new Date(),
    lang: contact?.lang ?? null,
  });
  let latest: Conversation = current;
  for (const [index, reply] of turn.replies.entries()) {
    const posted = await postBotMessage(ctx.deps, {
      conversationId,
      clientId: `bot-${message.id}-${index}`,
      text: reply.text,
      buttons: reply.buttons,
      botState: turn.state as unknown as Record<string, unknown>,
      meta: botMeta(turn),
    });
    if (!posted) return; // a person took over meanwhile
    latest = posted.conversation;
  }
  await annotate(ctx, latest, turn);
  if (turn.handover) {
    if (turn.handover.reason === 'keyword' && contact) await rememberPrefersHuman(ctx, contact);
    await requestHuman(ctx.deps, {
      conversation: latest,
      reason: turn.handover.reason,
      actor: { kind: 'bot' },
      priority: turn.handover.priority,
      target: {
        tier: turn.handover.tier,
        team: turn.handover.team ?? null,
        detail: turn.handover.detail ?? null,
      },
    });
  }
}

/** Tags and a raised priority stay on the conversation for the human who picks it up. */
async function annotate(ctx: AppContext, conversation: Conversation, turn: TurnOutput): Promise<void> {
  const tags = [...new Set([...conversation.tags, ...turn.tags])];
  const priority = Math.max(conversation.priority, turn.priority);
  if (tags.length === conversation.tags.length && priority === conversation.priority) return;
  await ctx.store.conversations.annotate(conversation.id, { tags, priority });
  const updated = await ctx.store.conversations.findById(conversation.id);
  if (updated)
    await ctx.events.publish('conversation.changed', { conversation: updated, command: 'annotate' });
}

const botMeta = (turn: TurnOutput) => ({
  kind: turn.kind,
  intent: turn.intent,
  confidence: turn.confidence,
  ...(turn.flow ? { flow: { id: turn.flow.id, outcome: turn.flow.outcome } } : {}),
});

function isEngineState(
  value: Record<string, unknown>,
): value is Record<string, unknown> & ConversationBotState {
  return typeof value.bot === 'object' && value.bot !== null && Array.isArray(value.emotions);
}
