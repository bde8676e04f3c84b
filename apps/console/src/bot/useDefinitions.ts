import type { DefinitionKind } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import type { LoadState } from '../store/useInbox.ts';
import { type DefinitionItem, itemsOf } from './definitions.ts';

/** The definitions of one kind: the running ones, then those switched off. */
export function useDefinitions(kind: DefinitionKind, onSessionLost: () => void) {
  const [items, setItems] = useState<DefinitionItem[]>([]);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const latest = useRef(0);
  const sessionLost = useRef(onSessionLost);
  sessionLost.current = onSessionLost;

  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoad({ state: 'loading' });
    try {
      const definitions = await api.definitions(kind);
      if (request !== latest.current) return;
      setItems(itemsOf(definitions));
      setLoad({ state: 'ready' });
    } catch (error) {
      if (request !== latest.current) return;
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') sessionLost.current();
      setItems([]);
      setLoad({ state: 'error', code });
    }
  }, [kind]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, load, reload };
}
