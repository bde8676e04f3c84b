import type { QuickReply } from '@tandem/protocol';
import type { Deps } from '../events.ts';
import type { Conversation, Message } from '../records.ts';

export interface PostBotMessageInput {
  conversationId: string;
  /** derived from the customer message it answers, so a re-run never answers twice */
  clientId: string;
  text: string;
  buttons: QuickReply[];
  botState: Record<string, unknown>;
  /** what the bot decided (intent, confidence, flow), for staff and analytics */
  meta?: Record<string, unknown>;
}

/**
 * The bot answers, and remembers its state. The bot never talks over a person:
 * when the conversation is no longer with the bot, nothing is posted and null is returned.
 */
export async function postBotMessage(
  deps: Deps,
  input: PostBotMessageInput,
): Promise<{ message: Message; conversation: Conversation } | null> {
  const conversation = await deps.store.conversations.findById(input.conversationId);
  if (conversation?.status !== 'bot') return null;
  const { message, created } = await deps.store.transaction(async (tx) => {
    await tx.conversations.saveBotState(conversation.id, input.botState);
    return tx.messages.append({
      conversationId: conversation.id,
      workspaceId: conversation.workspaceId,
      clientId: input.clientId,
      authorKind: 'bot',
      authorId: null,
      text: input.text,
      buttons: input.buttons,
      meta: input.meta ?? null,
    });
  });
  if (created) await deps.events.publish('message.created', { message, conversation });
  return { message, conversation };
}
