import { type SupervisorWall, supervisorWallSchema } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCodeOf, request } from '../api.ts';
import type { AgentSocket } from '../socket.ts';

export type WallLoad =
  | { state: 'loading' }
  | { state: 'ready'; wall: SupervisorWall; stale: boolean }
  | { state: 'error'; code: string };

/** A full refresh at most this often while events pour in, and at least this often when nothing happens. */
const minGapMs = 1_500;
const idleRefreshMs = 10_000;

/**
 * The supervisor wall, live: fetched again shortly after any conversation, queue or presence event
 * (coalesced), and every few seconds regardless (waits grow while nothing happens).
 */
export function useWall(socket: AgentSocket | null, onSessionLost: () => void) {
  const [load, setLoad] = useState<WallLoad>({ state: 'loading' });
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const last = useRef(0);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;

  const fetchWall = useCallback(async () => {
    last.current = Date.now();
    try {
      const wall = await request('GET', '/api/supervisor/wall', supervisorWallSchema);
      setLoad({ state: 'ready', wall, stale: false });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') lost.current();
      setLoad((current) =>
        current.state === 'ready' ? { ...current, stale: true } : { state: 'error', code },
      );
    }
  }, []);

  const soon = useCallback(() => {
    if (pending.current) return;
    const wait = Math.max(0, minGapMs - (Date.now() - last.current));
    pending.current = setTimeout(() => {
      pending.current = undefined;
      void fetchWall();
    }, wait);
  }, [fetchWall]);

  useEffect(() => {
    void fetchWall();
    const timer = setInterval(() => void fetchWall(), idleRefreshMs);
    return () => {
      clearInterval(timer);
      clearTimeout(pending.current);
      pending.current = undefined;
    };
  }, [fetchWall]);

  useEffect(() => {
    if (!socket) return;
    const events = ['conversation:updated', 'presence:changed', 'inbox:activity', 'connect'] as const;
    for (const event of events) socket.on(event, soon);
    return () => {
      for (const event of events) socket.off(event, soon);
    };
  }, [socket, soon]);

  return { load, refresh: fetchWall };
}
