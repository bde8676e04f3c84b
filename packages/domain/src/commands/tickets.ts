import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Actor, Contact, Ticket, TicketReply } from '../records.ts';
import { createOutbox } from './outbox.ts';
import { transitionWithin } from './transition.ts';

export interface LeaveMessageInput {
  contact: Contact;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string;
}

/**
 * The customer leaves a message instead of waiting (nobody online, or out of hours): a ticket with their
 * contact details, linked to their conversation, which closes with a notice; staff answer it later. At least
 * one way to reach them (e-mail or phone) is required.
 */
export async function leaveMessage(deps: Deps, input: LeaveMessageInput): Promise<Ticket> {
  if (!input.email && !input.phone)
    throw new DomainError('validation_failed', 'leave an e-mail address or a phone number so we can reply');
  const { contact } = input;
  const outbox = createOutbox();
  const ticket = await deps.store.transaction(async (tx) => {
    const open = await tx.conversations.lockOpen(contact.id, 'widget');
    const created = await tx.tickets.create({
      workspaceId: contact.workspaceId,
      contactId: contact.id,
      conversationId: open?.id ?? null,
      teamId: open?.teamId ?? null,
      name: input.name,
      email: input.email,
      phone: input.phone,
      lang: contact.lang ?? 'zh',
      message: input.message,
    });
    if (open && open.status !== 'assigned') {
      // the message itself stays in the transcript, and the conversation ends: staff answer the ticket
      const { message } = await tx.messages.append({
        conversationId: open.id,
        workspaceId: open.workspaceId,
        clientId: `ticket-${created.id}`,
        authorKind: 'customer',
        authorId: contact.id,
        text: input.message,
      });
      outbox.add('message.created', { message, conversation: { ...open, lastSeq: message.seq }, contact });
      await transitionWithin(tx, outbox, {
        conversation: { ...open, lastSeq: message.seq },
        command: 'close',
        actor: { kind: 'customer', contactId: contact.id },
        patch: { resolvedAt: new Date() },
        notice: { code: 'ticket_created' },
        data: { ticketId: created.id },
      });
    }
    outbox.add('ticket.created', { ticket: created });
    return created;
  });
  outbox.publish(deps.events);
  return ticket;
}

/**
 * Staff answer a ticket: the reply is kept with the ticket, shown in the customer's widget (in their latest
 * conversation, the one the widget shows when they come back), and owed by e-mail when the customer left an address and e-mail
 * is configured. The ticket becomes pending (waiting for the customer).
 */
export async function replyToTicket(
  deps: Deps,
  input: {
    workspaceId: string;
    ticketId: string;
    agent: Extract<Actor, { kind: 'agent' }>;
    text: string;
    email: boolean;
  },
): Promise<{ ticket: Ticket; reply: TicketReply }> {
  const ticket = await deps.store.tickets.findById(input.workspaceId, input.ticketId);
  if (!ticket) throw new DomainError('not_found', `ticket ${input.ticketId} not found`);
  const outbox = createOutbox();
  const result = await deps.store.transaction(async (tx) => {
    const reply = await tx.tickets.addReply({
      ticketId: ticket.id,
      authorId: input.agent.user.id,
      text: input.text,
      email: input.email && ticket.email !== null,
    });
    const updated = (await tx.tickets.setStatus(ticket.id, 'pending')) ?? ticket;
    {
      // into the conversation the customer sees now (their latest; the one they left the message in, unless
      // they started another since), so the reply is there when they come back
      const conversation = await tx.conversations.findLatestForContact(ticket.contactId);
      if (conversation) {
        const { message } = await tx.messages.append({
          conversationId: conversation.id,
          workspaceId: conversation.workspaceId,
          clientId: `ticket-reply-${reply.id}`,
          authorKind: 'agent',
          authorId: input.agent.user.id,
          text: input.text,
        });
        outbox.add('message.created', {
          message,
          conversation: { ...conversation, lastSeq: message.seq },
          authorName: input.agent.user.name,
        });
      }
    }
    outbox.add('ticket.updated', { ticket: updated, reply });
    return { ticket: updated, reply };
  });
  outbox.publish(deps.events);
  return result;
}

export async function setTicketStatus(
  deps: Deps,
  input: { workspaceId: string; ticketId: string; status: Ticket['status'] },
): Promise<Ticket> {
  const ticket = await deps.store.tickets.findById(input.workspaceId, input.ticketId);
  if (!ticket) throw new DomainError('not_found', `ticket ${input.ticketId} not found`);
  const updated = await deps.store.tickets.setStatus(ticket.id, input.status);
  if (!updated) throw new DomainError('not_found', `ticket ${input.ticketId} not found`);
  deps.events.publish('ticket.updated', { ticket: updated });
  return updated;
}
