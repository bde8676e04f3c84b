import { type Contact, loadConversation, type Ticket, type User } from '@tandem/domain';
import type { ReplyVariable, ReplyVariableName } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { collectDetails } from '../handoff/details.ts';
import { exchanges } from '../handoff/transcript.ts';

/** Contact attributes an embedding page may use for these (the first one set wins). */
const ORDER_ATTRIBUTES = ['orderNumber', 'orderNo', 'order_number'];
const EMAIL_ATTRIBUTES = ['email'];
const PHONE_ATTRIBUTES = ['phone', 'mobile'];
/** the customer's latest tickets: a message left carries their name, e-mail and phone */
const TICKETS = 5;

function attribute(contact: Contact | null, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = contact?.attributes[key];
    if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
  }
  return null;
}

const fromTickets = (tickets: readonly Ticket[], field: 'name' | 'email' | 'phone') =>
  tickets.find((ticket) => ticket[field])?.[field] ?? null;

/**
 * The values a canned reply's variables take in a conversation, for staff of its workspace:
 * the customer's name, e-mail and phone (the contact, else the latest message they left), the order number
 * (the latest the customer gave in this conversation, as the hand-over packet reads it, else the contact's
 * attributes), me, and the workspace. Null where nothing is known: the variable then stays as typed.
 */
export async function replyVariables(
  ctx: AppContext,
  user: User,
  conversationId: string,
): Promise<ReplyVariable[]> {
  const conversation = await loadConversation(ctx.store, user.workspaceId, conversationId);
  const [contact, messages, workspace, tickets] = await Promise.all([
    ctx.store.contacts.findById(conversation.contactId),
    ctx.store.messages.listByConversation(conversation.id),
    ctx.store.workspaces.findById(user.workspaceId),
    ctx.store.tickets.listForContact(conversation.contactId, TICKETS),
  ]);
  const orders = collectDetails(exchanges(messages, conversation.handoffReason)).filter(
    (detail) => detail.type === 'order_number',
  );
  const latestOrder = orders.reduce<(typeof orders)[number] | null>(
    (latest, detail) => (latest && Math.max(...latest.seqs) >= Math.max(...detail.seqs) ? latest : detail),
    null,
  );
  const values = new Map<ReplyVariableName, string | null>([
    ['customer.name', contact?.name ?? fromTickets(tickets, 'name')],
    ['customer.email', attribute(contact, EMAIL_ATTRIBUTES) ?? fromTickets(tickets, 'email')],
    ['customer.phone', attribute(contact, PHONE_ATTRIBUTES) ?? fromTickets(tickets, 'phone')],
    ['order.number', latestOrder?.text ?? attribute(contact, ORDER_ATTRIBUTES)],
    ['agent.name', user.name],
    ['workspace.name', workspace?.name ?? null],
  ]);
  return [...values].map(([name, value]) => ({ name, value }));
}
