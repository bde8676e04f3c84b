import { useEffect, useState } from 'react';
import type { AgentSocket } from '../socket.ts';

/**
 * The customer's read mark of one conversation: the highest of what its row says (`customerReadSeq`, so a
 * console opened later shows it) and of the live `conversation:read` events since it was opened. Never goes
 * back, whatever order rows and events arrive in.
 */
export function useReadSeq(
  socket: AgentSocket | null,
  conversationId: string,
  fromRow: number | undefined,
): number {
  const [live, setLive] = useState(0);
  useEffect(() => {
    setLive(0);
    if (!socket) return;
    const onRead = (payload: { conversationId: string; seq: number }) => {
      if (payload?.conversationId !== conversationId || !Number.isInteger(payload.seq)) return;
      setLive((seq) => Math.max(seq, payload.seq));
    };
    socket.on('conversation:read', onRead);
    return () => {
      socket.off('conversation:read', onRead);
    };
  }, [socket, conversationId]);
  return Math.max(live, fromRow ?? 0);
}
