import type { IntentSummary } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCodeOf } from '../../api.ts';
import { botModelApi } from '../../apiBotModel.ts';
import type { LoadState } from '../../store/useInbox.ts';

/** The intents the bot learns, loaded once and kept in step with each save. */
export function useIntents(onSessionLost: () => void) {
  const [intents, setIntents] = useState<IntentSummary[]>([]);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  const reload = useCallback(async () => {
    setLoad({ state: 'loading' });
    try {
      setIntents((await botModelApi.intents()).intents);
      setLoad({ state: 'ready' });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') sessionLost.current();
      setLoad({ state: 'error', code });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  /** An intent as saved replaces the one listed. */
  const replace = useCallback((intent: IntentSummary) => {
    setIntents((list) => list.map((i) => (i.id === intent.id ? intent : i)));
  }, []);

  return { intents, load, reload, replace };
}
