import { type AgentConversation, agentConversationSchema } from '@tandem/protocol';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { z } from 'zod';
import { errorCodeOf } from '../api.ts';
import { type AgentSocket, commands } from '../socket.ts';
import { emptyOffers, offersReducer } from './offers.ts';

const offeredSchema = z.object({ conversation: agentConversationSchema, expiresAt: z.string() });
const withdrawnSchema = z.object({ conversationId: z.string() });

interface Callbacks {
  /** a conversation's new row (the offered one, or the answer's) for the inbox */
  onConversation: (conversation: AgentConversation, live?: boolean) => void;
  /** I accepted it: open it */
  onAccepted: (conversation: AgentConversation) => void;
  onSessionLost: () => void;
}

/**
 * The conversations offered to me, from `conversation:offered` / `offer:withdrawn` and from the inbox's rows
 * (so offers pending before a reload or a reconnect come back), with Accept and Decline.
 */
export function useOffers(
  socket: AgentSocket | null,
  meId: string,
  rows: Record<string, AgentConversation>,
  callbacks: Callbacks,
) {
  const [state, dispatch] = useReducer(offersReducer, emptyOffers);
  const latest = useRef({ socket, callbacks });
  latest.current = { socket, callbacks };

  useEffect(() => {
    if (!socket) return;
    const onOffered = (payload: unknown) => {
      const parsed = offeredSchema.safeParse(payload);
      if (!parsed.success) {
        console.warn('ignored malformed conversation:offered', parsed.error.message);
        return;
      }
      const { conversation, expiresAt } = parsed.data;
      latest.current.callbacks.onConversation(conversation, true);
      dispatch({ type: 'offered', conversation, expiresAt, now: Date.now() });
    };
    const onWithdrawn = (payload: unknown) => {
      const parsed = withdrawnSchema.safeParse(payload);
      if (parsed.success) dispatch({ type: 'withdrawn', conversationId: parsed.data.conversationId });
    };
    socket.on('conversation:offered', onOffered);
    socket.on('offer:withdrawn', onWithdrawn);
    return () => {
      socket.off('conversation:offered', onOffered);
      socket.off('offer:withdrawn', onWithdrawn);
    };
  }, [socket]);

  useEffect(() => {
    dispatch({ type: 'rows', rows: Object.values(rows), meId, now: Date.now() });
  }, [rows, meId]);

  // while offers are pending, those past their deadline go (checked every second)
  const pending = state.offers.length > 0;
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => dispatch({ type: 'tick', now: Date.now() }), 1_000);
    return () => clearInterval(timer);
  }, [pending]);

  const answer = useCallback(async (conversationId: string, action: 'accept' | 'decline') => {
    dispatch({ type: 'busy', conversationId, action });
    const { socket: current, callbacks: on } = latest.current;
    try {
      const conversation = await commands(current)[action](conversationId);
      dispatch({ type: 'done', conversationId });
      on.onConversation(conversation);
      if (action === 'accept') on.onAccepted(conversation);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') on.onSessionLost();
      // declining an offer that already ended: nothing is left to decline
      if (action === 'decline' && code === 'no_offer') dispatch({ type: 'done', conversationId });
      else dispatch({ type: 'failed', conversationId, error: code });
    }
  }, []);

  const accept = useCallback((id: string) => void answer(id, 'accept'), [answer]);
  const decline = useCallback((id: string) => void answer(id, 'decline'), [answer]);
  const dismiss = useCallback((id: string) => dispatch({ type: 'done', conversationId: id }), []);

  return { offers: state.offers, accept, decline, dismiss };
}
