import type { ReportJob } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ClientErrorCode, errorCodeOf } from '../../api.ts';
import { botModelApi } from '../../apiBotModel.ts';

/** How long one request waits for a running report before asking again. */
const WAIT_MS = 10_000;

/**
 * The workspace's latest report: read when the tab opens; while a job runs, each request waits on the
 * server until it ends (or WAIT_MS), so the result shows as soon as it is there.
 */
export function useReport(onSessionLost: () => void) {
  const [job, setJobState] = useState<ReportJob | null>(null);
  /** the last finished report, shown while a new one is made */
  const [done, setDone] = useState<ReportJob | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ClientErrorCode | null>(null);
  const [starting, setStarting] = useState(false);
  const mounted = useRef(true);
  const following = useRef(false);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;

  const setJob = useCallback((next: ReportJob | null) => {
    setJobState(next);
    if (next?.state === 'done') setDone(next);
  }, []);

  const fail = useCallback((error: unknown) => {
    const code = errorCodeOf(error);
    if (code === 'unauthenticated') lost.current();
    setProblem(code);
  }, []);

  /** Follows a running job to its end (one follower at a time). */
  const follow = useCallback(
    async (current: ReportJob | null) => {
      if (following.current || current?.state !== 'running') return;
      following.current = true;
      try {
        let latest: ReportJob | null = current;
        while (mounted.current && latest?.state === 'running') {
          latest = await botModelApi.report(WAIT_MS);
          if (mounted.current) setJob(latest);
        }
      } catch (error) {
        if (mounted.current) fail(error);
      } finally {
        following.current = false;
      }
    },
    [fail, setJob],
  );

  const reload = useCallback(async () => {
    setLoading(true);
    setProblem(null);
    try {
      const latest = await botModelApi.report();
      if (!mounted.current) return;
      setJob(latest);
      void follow(latest);
    } catch (error) {
      fail(error);
    } finally {
      setLoading(false);
    }
  }, [fail, follow, setJob]);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  const run = useCallback(async () => {
    setStarting(true);
    setProblem(null);
    try {
      const started = await botModelApi.startReport();
      setJob(started);
      void follow(started);
    } catch (error) {
      fail(error);
    } finally {
      setStarting(false);
    }
  }, [fail, follow, setJob]);

  return { job, done, loading, problem, starting, run, reload };
}
