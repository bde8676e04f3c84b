/**
 * `npm run bench:nlu`: Tandem and nlp.js side by side on the same splits, on this machine.
 * Each system × task runs in its own process so that peak memory is its own.
 *
 *   npm run bench:nlu -- [--systems tandem,nlpjs] [--tasks clinc150,banking77,smp2017,…] [--timeout-min 30]
 *
 * Default tasks: the three full sets, then the small-bot protocol (few examples per intent, no
 * out-of-scope rows in training, out-of-scope rows in the test set: see SMALL_BOT_TASKS).
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SMALL_BOT_TASKS, TASKS, type TaskName } from './nlu/datasets.ts';
import type { RunResult } from './nlu/run.ts';
import { formatTable } from './nlu/table.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const systems = option('systems', 'tandem,nlpjs').split(',');
const tasks = option('tasks', ['clinc150', 'banking77', 'smp2017', ...SMALL_BOT_TASKS].join(',')).split(
  ',',
) as TaskName[];
const timeoutMs = Number(option('timeout-min', '30')) * 60_000;
const runner = fileURLToPath(new URL('./nlu/run.ts', import.meta.url));

/** Runs one system on one task in a child process; null (with the reason) if it fails or times out. */
function runOne(system: string, task: TaskName): Promise<RunResult | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', runner, system, task], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (line) return resolve(JSON.parse(line.slice('RESULT '.length)) as RunResult);
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs / 60_000} min` : `exit ${code}`;
      resolve(`${why}: ${err.trim().split('\n').slice(-3).join(' ')}`);
    });
  });
}

const results: RunResult[] = [];
const failures: string[] = [];
for (const task of tasks) {
  if (!TASKS[task]) throw new Error(`unknown task ${task}`);
  for (const system of systems) {
    process.stderr.write(`running ${system} on ${task}…\n`);
    const result = await runOne(system, task);
    if (typeof result === 'string') failures.push(`${system} on ${task}: ${result}`);
    else results.push(result);
  }
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(`${formatTable(results)}\n`);
process.stdout.write(
  `\nMachine: ${cpu}, ${cpus().length} cores, Node ${process.version}; ${new Date().toISOString()}\n`,
);
for (const failure of failures) process.stdout.write(`- did not finish: ${failure}\n`);
