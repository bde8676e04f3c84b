import type { AgentConversation } from '@tandem/protocol';
import { useCallback, useReducer, useRef, useState } from 'react';
import { api, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { emptyInbox, inboxReducer } from './inbox.ts';

export type LoadState = { state: 'loading' } | { state: 'ready' } | { state: 'error'; code: ClientErrorCode };

/** How many rows each tab fetches: the whole live workload, and recent history. */
const limits = { queued: 200, mine: 200, assigned: 200, bot: 200, resolved: 50 } as const;

/**
 * The inbox: one map of conversations fed by full fetches (on start and after every reconnect) and, in
 * between, by live `conversation:updated` events (whole rows: new conversations and changes of state) and
 * `inbox:activity` deltas (messages: preview, emotion, time of rows already held).
 */
export function useInbox(onSessionLost: () => void) {
  const [state, dispatch] = useReducer(inboxReducer, emptyInbox);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  /** ids live events touched while a fetch is in flight: the fetch's snapshot may predate them */
  const touched = useRef<Set<string> | null>(null);
  const latest = useRef(0);
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  const refresh = useCallback(async (openId: string | null) => {
    const request = ++latest.current;
    touched.current = new Set();
    try {
      const lists = await Promise.all(
        (Object.keys(limits) as (keyof typeof limits)[]).map((view) => api.conversations(view, limits[view])),
      );
      if (request !== latest.current) return;
      const keep = [...(touched.current ?? []), ...(openId ? [openId] : [])];
      dispatch({ type: 'loaded', conversations: lists.flat(), keep });
      setLoad({ state: 'ready' });
    } catch (error) {
      if (request !== latest.current) return;
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') sessionLost.current();
      // after a first success, keep showing what we have; the next reconnect refetches
      setLoad((current) => (current.state === 'ready' ? current : { state: 'error', code }));
    } finally {
      if (request === latest.current) touched.current = null;
    }
  }, []);

  const upsert = useCallback((conversation: AgentConversation, live = false) => {
    touched.current?.add(conversation.id);
    dispatch({ type: 'upsert', conversation, live });
  }, []);

  return { state, dispatch, load, refresh, upsert };
}
