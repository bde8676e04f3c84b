import type { AnalyticsOverview, AnalyticsPeople } from '@tandem/protocol';
import { useEffect, useRef, useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { type AnalyticsParams, analyticsApi } from './analyticsApi.ts';

export type AnalyticsLoad =
  | { state: 'loading' }
  | { state: 'ready'; overview: AnalyticsOverview; people: AnalyticsPeople; refreshing: boolean }
  | { state: 'error'; code: string };

/** The overview and the people table for the params; a newer request wins over an older one. */
export function useAnalytics(params: AnalyticsParams, onSessionLost: () => void, reload: number) {
  const [load, setLoad] = useState<AnalyticsLoad>({ state: 'loading' });
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;
  const key = JSON.stringify(params);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `params`; `reload` forces a new fetch
  useEffect(() => {
    let current = true;
    const query = JSON.parse(key) as AnalyticsParams;
    setLoad((previous) =>
      previous.state === 'ready' ? { ...previous, refreshing: true } : { state: 'loading' },
    );
    Promise.all([analyticsApi.overview(query), analyticsApi.people(query)])
      .then(([overview, people]) => {
        if (current) setLoad({ state: 'ready', overview, people, refreshing: false });
      })
      .catch((error: unknown) => {
        const code = errorCodeOf(error);
        if (code === 'unauthenticated') lost.current();
        if (current) setLoad({ state: 'error', code });
      });
    return () => {
      current = false;
    };
  }, [key, reload]);
  return load;
}
