import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorCodeOf, type KnowledgeEntry } from '../api.ts';
import type { LoadState } from '../store/useInbox.ts';

/** The knowledge base as the server has it: loaded once, then kept in step with each save and delete. */
export function useKnowledge(onSessionLost: () => void) {
  const [entries, setEntries] = useState<KnowledgeEntry[]>([]);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  /** Runs a call; a lost session signs out, any other failure is the caller's to show. */
  const guarded = useCallback(async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (errorCodeOf(error) === 'unauthenticated') sessionLost.current();
      throw error;
    }
  }, []);

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      const list = await guarded(() => api.knowledge());
      setEntries([...list].sort((a, b) => a.id.localeCompare(b.id)));
      setLoad({ state: 'ready' });
    } catch (error) {
      setLoad({ state: 'error', code: errorCodeOf(error) });
    }
  }, [guarded]);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** Saves an entry; answers with it and the bot's status (training until the change is live). */
  const save = useCallback(
    async (entry: KnowledgeEntry) => {
      const answer = await guarded(() => api.saveKnowledge(entry));
      const saved = answer.entry;
      setEntries((list) =>
        [...list.filter((e) => e.id !== saved.id), saved].sort((a, b) => a.id.localeCompare(b.id)),
      );
      return answer;
    },
    [guarded],
  );

  const remove = useCallback(
    async (id: string) => {
      const answer = await guarded(() => api.removeKnowledge(id));
      setEntries((list) => list.filter((e) => e.id !== id));
      return answer;
    },
    [guarded],
  );

  return { entries, load, reload, save, remove };
}
