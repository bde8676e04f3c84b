import { DomainError, replyToTicket, setTicketStatus, type Ticket, type User } from '@tandem/domain';
import type { TicketView } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { staffActor } from './staffAuth.ts';

/** A ticket as staff see it: with the customer, its team and its replies (authors by name). */
export async function presentTicket(ctx: AppContext, ticket: Ticket): Promise<TicketView> {
  const [contact, replies, staff, team] = await Promise.all([
    ctx.store.contacts.findById(ticket.contactId),
    ctx.store.tickets.listReplies(ticket.id),
    ctx.store.users.listByWorkspace(ticket.workspaceId),
    ticket.teamId ? ctx.store.teams.findById(ticket.workspaceId, ticket.teamId) : Promise.resolve(null),
  ]);
  const names = new Map(staff.map((s) => [s.id, s.name]));
  return {
    id: ticket.id,
    status: ticket.status,
    contact: { id: ticket.contactId, name: contact?.name ?? null },
    name: ticket.name,
    email: ticket.email,
    phone: ticket.phone,
    lang: ticket.lang,
    message: ticket.message,
    conversationId: ticket.conversationId,
    team: team ? { id: team.id, name: team.name } : null,
    replies: replies.map((r) => ({
      id: r.id,
      author:
        r.authorId && names.has(r.authorId)
          ? { id: r.authorId, name: names.get(r.authorId) as string }
          : null,
      text: r.text,
      emailState: r.emailState,
      createdAt: r.createdAt.toISOString(),
    })),
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export async function listTickets(
  ctx: AppContext,
  user: User,
  status: Ticket['status'] | undefined,
  limit: number,
) {
  const tickets = await ctx.store.tickets.list(user.workspaceId, status ?? null, limit);
  return Promise.all(tickets.map((t) => presentTicket(ctx, t)));
}

export async function getTicket(ctx: AppContext, user: User, id: string): Promise<TicketView> {
  const ticket = await ctx.store.tickets.findById(user.workspaceId, id);
  if (!ticket) throw new DomainError('not_found', `ticket ${id} not found`);
  return presentTicket(ctx, ticket);
}

/** Any staff member may answer a ticket; it is e-mailed when asked, the customer left an address and SMTP is set. */
export async function answerTicket(
  ctx: AppContext,
  user: User,
  id: string,
  body: { text: string; email: boolean },
): Promise<TicketView> {
  const { ticket } = await replyToTicket(ctx.deps, {
    workspaceId: user.workspaceId,
    ticketId: id,
    agent: staffActor(user),
    text: body.text,
    email: body.email && ctx.config.smtp !== null,
  });
  return presentTicket(ctx, ticket);
}

export async function changeTicketStatus(ctx: AppContext, user: User, id: string, status: Ticket['status']) {
  return presentTicket(
    ctx,
    await setTicketStatus(ctx.deps, { workspaceId: user.workspaceId, ticketId: id, status }),
  );
}
