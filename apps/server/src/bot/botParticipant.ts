import { postBotMessage, requestHuman } from '@tandem/domain';
import { type BotState, initialBotState } from '@tandem/engine';
import type { AppContext } from '../context.ts';
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
    void enqueue(conversation.id, async () => {
      const current = await ctx.store.conversations.findById(conversation.id);
      if (current?.status !== 'bot') return;
      const bot = await ctx.bots.forWorkspace(current.workspaceId);
      const state = { ...initialBotState, ...(current.botState as Partial<BotState>) };
      const { decision, state: nextState } = bot.reply(state, message.text);
      const posted = await postBotMessage(ctx.deps, {
        conversationId: current.id,
        clientId: `bot-${message.id}`,
        text: decision.text,
        buttons: decision.kind === 'handoff' ? [] : decision.buttons,
        botState: nextState as unknown as Record<string, unknown>,
      });
      if (decision.kind === 'handoff' && posted) {
        await requestHuman(ctx.deps, {
          conversation: posted.conversation,
          reason: decision.reason === 'customer_request' ? 'keyword' : decision.reason,
          actor: { kind: 'bot' },
        });
      }
    }).catch((error: unknown) =>
      ctx.log.error({ err: error, conversationId: conversation.id }, 'bot turn failed'),
    );
  });
}
