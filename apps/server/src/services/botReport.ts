import { randomUUID } from 'node:crypto';
import type { User } from '@tandem/domain';
import type { ReportJob } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { makeReport, ReportProblem } from './botReportData.ts';
import { assertAdminOfModel } from './botTraining.ts';

interface Job {
  view: ReportJob;
  done: Promise<void>;
}

/**
 * Report jobs of one server: one at a time per workspace (a second request gets the running job), one at
 * a time in the process (each holds a model's worth of memory in a worker). The latest job of each
 * workspace is kept in memory until the server stops.
 */
export function createReportRunner(ctx: AppContext) {
  const jobs = new Map<string, Job>();
  const abort = new AbortController();
  let tail: Promise<unknown> = Promise.resolve();

  const run = async (view: ReportJob, workspaceId: string) => {
    try {
      const report = await makeReport(ctx, workspaceId, abort.signal);
      Object.assign(view, { state: 'done', report, finishedAt: new Date().toISOString() });
    } catch (error) {
      const problem =
        error instanceof ReportProblem
          ? { code: error.code, message: error.message }
          : { code: 'training_failed' as const, message: 'the report could not be made; try again' };
      if (!(error instanceof ReportProblem) && !abort.signal.aborted)
        ctx.log.error({ err: error, workspaceId }, 'model report failed');
      Object.assign(view, { state: 'failed', error: problem, finishedAt: new Date().toISOString() });
    }
  };

  return {
    start(workspaceId: string): ReportJob {
      const current = jobs.get(workspaceId);
      if (current?.view.state === 'running') return current.view;
      const view: ReportJob = {
        id: randomUUID(),
        state: 'running',
        startedAt: new Date().toISOString(),
        finishedAt: null,
        report: null,
        error: null,
      };
      const done = tail.then(() => run(view, workspaceId));
      tail = done;
      jobs.set(workspaceId, { view, done });
      return view;
    },
    /** The latest job; while it runs, waits up to `waitMs` for it to end. */
    async latest(workspaceId: string, waitMs: number): Promise<ReportJob | null> {
      const job = jobs.get(workspaceId);
      if (job && job.view.state === 'running' && waitMs > 0) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, waitMs);
        });
        await Promise.race([job.done, timeout]);
        clearTimeout(timer);
      }
      return job?.view ?? null;
    },
    close() {
      abort.abort();
    },
  };
}
export type ReportRunner = ReturnType<typeof createReportRunner>;

const runners = new WeakMap<AppContext, ReportRunner>();

/** The server's report runner (made on first use). */
export function reportRunner(ctx: AppContext): ReportRunner {
  let runner = runners.get(ctx);
  if (!runner) {
    runner = createReportRunner(ctx);
    runners.set(ctx, runner);
  }
  return runner;
}

export function startReport(ctx: AppContext, user: User): { job: ReportJob } {
  assertAdminOfModel(user);
  return { job: reportRunner(ctx).start(user.workspaceId) };
}

export async function latestReport(
  ctx: AppContext,
  user: User,
  waitMs: number,
): Promise<{ job: ReportJob | null }> {
  assertAdminOfModel(user);
  return { job: await reportRunner(ctx).latest(user.workspaceId, waitMs) };
}
