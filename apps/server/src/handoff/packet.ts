import { loadConversation, type User } from '@tandem/domain';
import type { HandoffPacket, Lang, PreviousConversation } from '@tandem/protocol';
import type { PastConversation } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { presentMessages } from '../presenters/message.ts';
import { presentHandoffEmotion } from './emotion.ts';
import { intentsIn, loadIntentNames } from './names.ts';
import { buildHandoffSummary, verifiedCustomerId } from './summary.ts';
import { quote } from './text.ts';

/** How many earlier conversations the packet lists. */
const PREVIOUS = 10;
const FIRST_MESSAGE_CHARS = 120;

/**
 * What a person taking over a conversation sees, so the customer never repeats themselves: the summary,
 * the emotion, why it came to people, who the customer is, their earlier conversations (on every device
 * they signed in on) and the whole transcript. Staff of the conversation's workspace only; any other
 * conversation is not found.
 */
export async function buildHandoffPacket(
  ctx: AppContext,
  user: Pick<User, 'workspaceId'>,
  conversationId: string,
  lang: Lang,
): Promise<HandoffPacket> {
  const { workspaceId } = user;
  const conversation = await loadConversation(ctx.store, workspaceId, conversationId);
  const [contact, messages, teamName] = await Promise.all([
    ctx.store.contacts.findById(conversation.contactId),
    ctx.store.messages.listByConversation(conversation.id),
    teamNameOf(ctx, workspaceId, conversation),
  ]);
  const customerId = verifiedCustomerId(contact);
  const [previous, transcript, tickets, names] = await Promise.all([
    ctx.store.history.listForCustomer(
      workspaceId,
      conversation.contactId,
      customerId,
      conversation.id,
      PREVIOUS,
    ),
    presentMessages(ctx.store, workspaceId, messages, 'staff', ctx.attachments),
    ctx.store.tickets.listForContact(conversation.contactId, PREVIOUS),
    loadIntentNames(ctx.store, workspaceId, intentsIn(messages), lang),
  ]);
  const summary = buildHandoffSummary({ conversation, messages, contact, lang, teamName, names });
  return {
    conversation: {
      id: conversation.id,
      status: conversation.status,
      priority: conversation.priority,
      tags: conversation.tags,
      createdAt: conversation.createdAt.toISOString(),
      queuedAt: conversation.queuedAt?.toISOString() ?? null,
    },
    summary,
    reason: summary.reason,
    emotion: presentHandoffEmotion(conversation.emotion),
    contact: {
      id: conversation.contactId,
      name: contact?.name ?? null,
      lang: contact?.lang ?? null,
      attributes: contact?.attributes ?? {},
      verifiedCustomerId: customerId,
    },
    previousConversations: previous.map((past) => presentPrevious(past, conversation.contactId)),
    tickets: tickets.map((ticket) => ({
      id: ticket.id,
      status: ticket.status,
      message: quote(ticket.message, FIRST_MESSAGE_CHARS),
      createdAt: ticket.createdAt.toISOString(),
    })),
    messages: transcript,
  };
}

function presentPrevious(past: PastConversation, contactId: string): PreviousConversation {
  return {
    id: past.id,
    status: past.status,
    createdAt: past.createdAt.toISOString(),
    resolvedAt: past.resolvedAt?.toISOString() ?? null,
    handoffReason: past.handoffReason,
    tags: past.tags,
    csat: past.csatScore,
    messageCount: past.messageCount,
    firstMessage: past.firstCustomerText === null ? null : quote(past.firstCustomerText, FIRST_MESSAGE_CHARS),
    joinedBy: past.contactId === contactId ? 'contact' : 'customer_id',
  };
}

/**
 * The name of the team the conversation is in, else of the team the hand-over asked for (by its key);
 * an unknown key is left out rather than shown.
 */
async function teamNameOf(
  ctx: AppContext,
  workspaceId: string,
  conversation: { teamId: string | null; handoff: { team: string | null } | null },
): Promise<string | null> {
  if (conversation.teamId)
    return (await ctx.store.teams.findById(workspaceId, conversation.teamId))?.name ?? null;
  const key = conversation.handoff?.team;
  if (!key) return null;
  const teams = await ctx.store.teams.listByWorkspace(workspaceId);
  return teams.find((team) => team.key === key)?.name ?? null;
}
