import { TASKS, type TaskName } from './datasets.ts';
import { SYSTEMS } from './systems.ts';

/** Result of one system on one task, measured in its own process (so peak memory is its own). */
export interface RunResult {
  system: string;
  task: TaskName;
  /** in-scope rows answered with the right intent (a refusal counts as wrong) */
  inScopeAccuracy: number;
  /** in-scope rows whose best intent is right, refusals aside */
  top1Accuracy: number;
  oosRecall: number | null;
  oosPrecision: number | null;
  /** in-scope rows the system refused */
  refusedInScope: number;
  /** per training run (mean over folds) */
  trainMs: number;
  trainCpuMs: number;
  /** predictions per second of wall time, and per second of CPU time (steadier on a busy machine) */
  predictionsPerSecond: number;
  predictionsPerCpuSecond: number;
  peakRssMb: number;
  folds: number;
}

async function run(systemName: string, taskName: TaskName): Promise<RunResult> {
  const task = TASKS[taskName];
  const make = SYSTEMS[systemName];
  if (!task || !make) throw new Error(`unknown system ${systemName} or task ${taskName}`);
  let inScope = 0;
  let right = 0;
  let top1 = 0;
  let refused = 0;
  let oos = 0;
  let oosRefused = 0;
  let refusals = 0;
  let trainMs = 0;
  let trainCpuMs = 0;
  let predictMs = 0;
  let predictCpuMs = 0;
  let predictions = 0;
  let name = systemName;
  const splits = task.splits();
  for (const split of splits) {
    const system = make();
    name = system.name;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await system.train(split.train, task.lang);
    trainMs += performance.now() - started;
    const used = process.cpuUsage(cpu);
    trainCpuMs += (used.user + used.system) / 1000;
    const predictStarted = performance.now();
    const predictCpu = process.cpuUsage();
    for (const row of split.test) {
      const { label, top } = await system.predict(row.text);
      if (label === 'oos') refusals++;
      if (row.intent === 'oos') {
        oos++;
        if (label === 'oos') oosRefused++;
        continue;
      }
      inScope++;
      if (label === row.intent) right++;
      if (top === row.intent) top1++;
      if (label === 'oos') refused++;
    }
    predictMs += performance.now() - predictStarted;
    const predictUsed = process.cpuUsage(predictCpu);
    predictCpuMs += (predictUsed.user + predictUsed.system) / 1000;
    predictions += split.test.length;
  }
  return {
    system: name,
    task: taskName,
    inScopeAccuracy: right / inScope,
    top1Accuracy: top1 / inScope,
    oosRecall: oos === 0 ? null : oosRefused / oos,
    oosPrecision: oos === 0 ? null : refusals === 0 ? 0 : oosRefused / refusals,
    refusedInScope: refused / inScope,
    trainMs: trainMs / splits.length,
    trainCpuMs: trainCpuMs / splits.length,
    predictionsPerSecond: predictions / (predictMs / 1000),
    predictionsPerCpuSecond: predictions / (predictCpuMs / 1000),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    folds: splits.length,
  };
}

const [systemName, taskName] = process.argv.slice(2);
run(systemName ?? '', taskName as TaskName).then(
  (result) => {
    process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
