import type { DefinitionKind } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type DefinitionVersion, errorCodeOf } from '../api.ts';
import type { LoadState } from '../store/useInbox.ts';

/** Every version of one definition, newest first; nothing for a document not saved yet. */
export function useVersions(kind: DefinitionKind, key: string | null) {
  const [versions, setVersions] = useState<DefinitionVersion[]>([]);
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    if (key === null) {
      setVersions([]);
      setLoad({ state: 'ready' });
      return;
    }
    setLoad({ state: 'loading' });
    try {
      const list = await api.definitionVersions(kind, key);
      if (request !== latest.current) return;
      setVersions(list);
      setLoad({ state: 'ready' });
    } catch (error) {
      if (request !== latest.current) return;
      setLoad({ state: 'error', code: errorCodeOf(error) });
    }
  }, [kind, key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { versions, load, reload };
}
