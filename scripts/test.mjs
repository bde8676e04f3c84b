#!/usr/bin/env node
// `npm test`: what the tests need (scripts/test-prerequisites.mjs), lint, then the type check side by side with
// the builds and the test run (it is one thread of CPU work that would otherwise hold everything up for about
// 17 s). Fails as soon as any step fails, stopping the others, with that step's output; extra arguments go to
// vitest (`npm test -- apps/server/test/bot.test.ts`).
import { spawn } from 'node:child_process';

const vitestArgs = process.argv.slice(2);
const children = new Set();

/** Runs a command; resolves with its exit code. `quiet` keeps its output until it fails. */
function run(command, args, { quiet = false } = {}) {
  return new Promise((resolve) => {
    // its own process group: stopping it stops what it started too (npm's shell, vite, vitest's workers)
    const child = spawn(command, args, {
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: true,
    });
    children.add(child);
    child.once('error', (error) => {
      children.delete(child);
      console.error(`npm test: could not start ${command}: ${error.message}`);
      resolve(1);
    });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
    }
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (quiet && code !== 0 && !stopping) process.stdout.write(output);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let stopping = false;
/** Stops every step still running, with everything it started. */
function stopAll(signal) {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}
function fail(step, code) {
  if (stopping) return;
  stopping = true;
  console.error(`\nnpm test: ${step} failed (exit code ${code})`);
  stopAll('SIGTERM');
  process.exitCode = code || 1;
}
// the steps run in their own process groups, so Ctrl-C in the terminal reaches them through here
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    stopAll(signal);
    process.exitCode = 130;
  });
}

async function steps(list) {
  for (const [name, command, args, options] of list) {
    if (stopping) return;
    const code = await run(command, args, options);
    if (code !== 0) return fail(name, code);
  }
}

await steps([
  ['test-prerequisites', process.execPath, ['scripts/test-prerequisites.mjs']],
  ['lint', 'npx', ['biome', 'check', '.']],
]);
if (!stopping) {
  await Promise.all([
    steps([['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json'], { quiet: true }]]),
    steps([
      ['build:web', 'npm', ['run', 'build:web', '--silent']],
      ['build:server', 'npm', ['run', 'build:server', '--silent']],
      ['vitest', 'npx', ['vitest', 'run', ...vitestArgs]],
    ]),
  ]);
}
if (!stopping) console.log('npm test: type check, lint, builds and tests passed');
