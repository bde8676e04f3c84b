import { useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { type AgentSocket, connectAgentSocket } from '../socket.ts';

/** `connecting` only before the first connection; afterwards a drop shows as `offline` until it is back. */
export type Connection = 'connecting' | 'online' | 'offline';

/**
 * Opens the `/agent` connection for the signed-in agent and closes it on sign-out.
 * A refused connection is checked against the session: if it has expired, `onSessionLost` runs.
 */
export function useAgentSocket(onSessionLost: () => void): {
  socket: AgentSocket | null;
  connection: Connection;
} {
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  useEffect(() => {
    const next = connectAgentSocket();
    let retry: ReturnType<typeof setTimeout> | undefined;

    /**
     * The server refused or closed the connection, so socket.io will not retry by itself: if the session
     * has expired go back to the login page, otherwise try again in a moment.
     */
    const recover = async () => {
      try {
        await api.me();
        clearTimeout(retry);
        retry = setTimeout(() => next.connect(), 3_000);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'unauthenticated') sessionLost.current();
        else retry = setTimeout(() => void recover(), 5_000);
      }
    };

    next.on('connect', () => setConnection('online'));
    next.on('disconnect', (reason) => {
      setConnection('offline');
      if (reason === 'io server disconnect') void recover();
    });
    next.on('connect_error', () => {
      setConnection('offline');
      if (!next.active) void recover();
    });
    setSocket(next);
    return () => {
      clearTimeout(retry);
      next.removeAllListeners();
      next.disconnect();
      setSocket(null);
    };
  }, []);

  return { socket, connection };
}
