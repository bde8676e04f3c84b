import type { DefinitionKind } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import type { LoadState } from '../store/useInbox.ts';
import { type DefinitionItem, itemsOf, offKeysOf, setOff } from './definitions.ts';

/** The definitions of one kind: the running ones from the server, plus those switched off from here. */
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
      const active = await api.definitions(kind);
      const off = offKeysOf(localStorage, kind).filter((key) => !active.some((d) => d.key === key));
      const known = await Promise.all(
        off.map(async (key) => {
          try {
            await api.definitionVersions(kind, key);
            return key;
          } catch (error) {
            if (errorCodeOf(error) !== 'not_found') return key;
            setOff(localStorage, kind, key, false);
            return null;
          }
        }),
      );
      if (request !== latest.current) return;
      setItems(
        itemsOf(
          active,
          known.filter((key): key is string => key !== null),
        ),
      );
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
