import { type TicketView, ticketViewSchema } from '@tandem/protocol';
import { useCallback, useEffect, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import type { AgentSocket } from '../socket.ts';
import type { LoadState } from '../store/useInbox.ts';
import { applyOpen, applyTicket, type TicketStatus } from './tickets.ts';

/** Calls `take` with every well-formed `ticket:updated`, and `onConnect` after every (re)connection. */
function useTicketEvents(
  socket: AgentSocket | null,
  take: (ticket: TicketView) => void,
  onConnect: () => void,
) {
  useEffect(() => {
    if (!socket) return;
    const onUpdated = (payload: unknown) => {
      const parsed = ticketViewSchema.safeParse(payload);
      if (parsed.success) take(parsed.data);
      else console.warn('ignored malformed ticket:updated', parsed.error.message);
    };
    socket.on('ticket:updated', onUpdated);
    socket.on('connect', onConnect);
    return () => {
      socket.off('ticket:updated', onUpdated);
      socket.off('connect', onConnect);
    };
  }, [socket, take, onConnect]);
}

/** One status's tickets, fetched on start, on a change of tab and after a reconnect, kept live by events. */
export function useTickets(socket: AgentSocket | null, status: TicketStatus, onSessionLost: () => void) {
  const [tickets, setTickets] = useState<TicketView[]>([]);
  /** every ticket seen, by id: the open one stays shown when it leaves the tab (e.g. once solved) */
  const [byId, setById] = useState<Record<string, TicketView>>({});
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const list = await api.tickets(status);
      setTickets(list);
      setById((map) => ({ ...map, ...Object.fromEntries(list.map((item) => [item.id, item])) }));
      setLoad({ state: 'ready' });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      setLoad({ state: 'error', code });
    }
  }, [status, onSessionLost]);

  useEffect(() => {
    setTickets([]);
    void reload();
  }, [reload]);

  const take = useCallback(
    (ticket: TicketView) => {
      setTickets((list) => applyTicket(list, ticket, status));
      setById((map) => {
        const current = map[ticket.id];
        if (current && Date.parse(current.updatedAt) > Date.parse(ticket.updatedAt)) return map;
        return { ...map, [ticket.id]: ticket };
      });
    },
    [status],
  );
  const onConnect = useCallback(() => void reload(), [reload]);
  useTicketEvents(socket, take, onConnect);

  return { tickets, byId, load, reload, take };
}

/** How many tickets are open, for the badge on the navigation. */
export function useOpenTicketCount(socket: AgentSocket | null): number {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const refresh = useCallback(() => {
    api.tickets('open', 200).then(
      (list) => setOpen(new Set(list.map((item) => item.id))),
      () => undefined,
    );
  }, []);
  const take = useCallback((ticket: TicketView) => setOpen((ids) => applyOpen(ids, ticket)), []);
  // loaded at every (re)connection; before that only when already connected or unable to connect
  useTicketEvents(socket, take, refresh);
  useEffect(() => {
    if (!socket) return;
    if (socket.connected) return refresh();
    const once = () => refresh();
    socket.once('connect_error', once);
    return () => {
      socket.off('connect_error', once);
    };
  }, [socket, refresh]);
  return open.size;
}
