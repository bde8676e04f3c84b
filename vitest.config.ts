import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
    ],
    // Tests wait for events, not for fixed times; these bounds only stop a test that would hang, and leave
    // room for a busy machine (each single wait is bounded by EVENT_TIMEOUT_MS in apps/server/test/harness.ts).
    testTimeout: 120_000,
    // a trained-model directory shared by the run's test servers, and the worker threads' compiled code
    // (apps/server/test/globalSetup.ts, used by setup.ts)
    globalSetup: ['apps/server/test/globalSetup.ts'],
    setupFiles: ['apps/server/test/setup.ts'],
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core machine, although most test time is
    // spent waiting on servers, worker threads and the browser. Two files at a time on any machine.
    maxWorkers: 2,
    // Test files share their worker process (each still starts its own server on its own database): the first
    // server in a process costs about 8 s (modules, WebAssembly, the segmenter's dictionary, the bot's first
    // training), the next about 1 s. Isolation per file cost about a third of the suite's time.
    isolate: false,
    // the bot's training threads run at normal priority here (19 in production, so that answering customers
    // always goes first): at 19 they starve behind the other test file's work and every "live" wait grows
    env: { BOT_TRAINING_NICE: '0' },
  },
});
