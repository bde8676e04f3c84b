import { loadConversation, type User } from '@tandem/domain';
import type { AssistResponse, Lang } from '@tandem/protocol';
import type { AppContext } from '../context.ts';

const SUGGESTIONS = 3;

/** The language the bot last spoke in this conversation, from its stored state (read defensively). */
function botLang(botState: Record<string, unknown>): Lang | null {
  const lang = (botState.bot as { lang?: unknown } | undefined)?.lang;
  return lang === 'zh' || lang === 'en' ? lang : null;
}

/**
 * Agent assist: the knowledge-base answers that best fit the customer's last message, as the workspace's
 * bot ranks them, worded in the language the bot would answer in. Staff of the conversation's workspace only.
 */
export async function assistConversation(
  ctx: AppContext,
  user: User,
  conversationId: string,
): Promise<AssistResponse> {
  const conversation = await loadConversation(ctx.store, user.workspaceId, conversationId);
  const contact = await ctx.store.contacts.findById(conversation.contactId);
  // the same known language a bot turn is given (botTurn.ts), then what the bot last spoke
  const known = contact?.lang ?? botLang(conversation.botState);
  const [last] =
    conversation.customerSeq > 0
      ? await ctx.store.messages.listCustomerAfter(conversation.id, conversation.customerSeq - 1)
      : [];
  if (!last) return { lang: known ?? user.locale, messageSeq: null, suggestions: [] };
  const engine = await ctx.bots.forWorkspace(user.workspaceId);
  const { lang, suggestions } = engine.suggest(last.text, { lang: known, limit: SUGGESTIONS });
  return { lang, messageSeq: last.seq, suggestions };
}
