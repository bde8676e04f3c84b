import type { TicketView } from '@tandem/protocol';
import type { MessageKey } from '../i18n.ts';

export type TicketStatus = TicketView['status'];
export type EmailState = TicketView['replies'][number]['emailState'];
export const ticketTabs: readonly TicketStatus[] = ['open', 'pending', 'solved'];

/** Newest first, as the server lists them. */
function byNewest(a: TicketView, b: TicketView): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/**
 * One tab's list after a `ticket:updated`: the ticket replaces its old row, joins the list when it now has
 * the tab's status and leaves it when it does not. An older copy (by `updatedAt`) never replaces a newer one.
 */
export function applyTicket(list: TicketView[], ticket: TicketView, status: TicketStatus): TicketView[] {
  const current = list.find((item) => item.id === ticket.id);
  if (current && Date.parse(current.updatedAt) > Date.parse(ticket.updatedAt)) return list;
  const rest = list.filter((item) => item.id !== ticket.id);
  if (ticket.status !== status) return current ? rest : list;
  return [...rest, ticket].sort(byNewest);
}

/** The ids of open tickets after an update, for the badge on the navigation. */
export function applyOpen(open: ReadonlySet<string>, ticket: TicketView): ReadonlySet<string> {
  const isOpen = ticket.status === 'open';
  if (isOpen === open.has(ticket.id)) return open;
  const next = new Set(open);
  if (isOpen) next.add(ticket.id);
  else next.delete(ticket.id);
  return next;
}

/** The first non-empty line of a message, for the list. */
export function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

/** Who left it: their name, else the contact's name, else their e-mail address or phone number. */
export function whoLeft(ticket: Pick<TicketView, 'name' | 'contact' | 'email' | 'phone'>): string {
  return ticket.name || ticket.contact.name || ticket.email || ticket.phone || '';
}

export const emailStateKey: Record<EmailState, MessageKey> = {
  none: 'tickets.email.none',
  pending: 'tickets.email.pending',
  sent: 'tickets.email.sent',
  failed: 'tickets.email.failed',
};

/** The colour of a status tag: open waits for us, pending for the customer, solved is done. */
export const statusColour: Record<TicketStatus, string> = {
  open: 'orange',
  pending: 'blue',
  solved: 'green',
};
