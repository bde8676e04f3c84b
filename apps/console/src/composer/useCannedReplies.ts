import { type CannedReplyView, fillReplyVariables, replyVariableMap } from '@tandem/protocol';
import { useCallback, useRef, useState } from 'react';
import { workspaceApi } from '../apiWorkspace.ts';

export type CannedState = { state: 'idle' | 'loading' | 'ready' | 'error'; replies: CannedReplyView[] };

/** Replies matching what was typed after "/": shortcut first, then title, then body; at most `limit`. */
export function matchCanned(
  replies: readonly CannedReplyView[],
  typed: string,
  limit = 8,
): CannedReplyView[] {
  const query = typed.trim().toLowerCase();
  if (!query) return replies.slice(0, limit);
  const rank = (reply: CannedReplyView) => {
    const shortcut = reply.shortcut.toLowerCase();
    if (shortcut.startsWith(query)) return 0;
    if (shortcut.includes(query)) return 1;
    if (reply.title.toLowerCase().includes(query)) return 2;
    if (reply.body.toLowerCase().includes(query)) return 3;
    return 4;
  };
  return replies
    .map((reply) => ({ reply, rank: rank(reply) }))
    .filter((item) => item.rank < 4)
    .sort((a, b) => a.rank - b.rank || a.reply.shortcut.localeCompare(b.reply.shortcut))
    .slice(0, limit)
    .map((item) => item.reply);
}

/**
 * The canned replies I may use, loaded on first need, and the conversation's variable values, so a chosen
 * reply goes into the composer with {customer.name} and the like filled in (unknown ones stay as typed).
 */
export function useCannedReplies(conversationId: string) {
  const [canned, setCanned] = useState<CannedState>({ state: 'idle', replies: [] });
  /** the conversation's variable values, fetched once per conversation on first use */
  const variables = useRef<{ conversationId: string; values: Promise<Map<string, string>> } | null>(null);

  const load = useCallback(() => {
    setCanned((current) => {
      if (current.state === 'loading' || current.state === 'ready') return current;
      workspaceApi.cannedReplies('usable').then(
        (replies) => setCanned({ state: 'ready', replies }),
        () => setCanned({ state: 'error', replies: [] }),
      );
      return { state: 'loading', replies: current.replies };
    });
  }, []);

  const fill = useCallback(
    async (reply: CannedReplyView): Promise<string> => {
      if (variables.current?.conversationId !== conversationId)
        variables.current = {
          conversationId,
          values: workspaceApi
            .replyVariables(conversationId)
            .then(replyVariableMap)
            .catch(() => new Map<string, string>()),
        };
      return fillReplyVariables(reply.body, await variables.current.values);
    },
    [conversationId],
  );

  return { canned, load, fill };
}
