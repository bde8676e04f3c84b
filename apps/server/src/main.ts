import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD, DEMO_WORKSPACE, demoUsers } from './demo/seed.ts';
import { safeError } from './http/logging.ts';

type Logger = { error(obj: object, msg: string): void; fatal(obj: object, msg: string): void };

/** Until the app's logger exists, process-level errors go to stderr as one JSON line each. */
let log: Logger = {
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...obj })}\n`),
  fatal: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'fatal', msg, ...obj })}\n`),
};
let shutdown: ((reason: string, code: number) => Promise<void>) | null = null;

/*
 * Process-level containment (docs/security.md). Every socket middleware, socket handler and REST route is
 * contained where it runs; these are the last line.
 * - An unhandled rejection is one failed promise chain (e.g. a fire-and-forget task): logged, and the
 *   process keeps serving. Node's default would end the process, letting one bad request stop everyone.
 * - An uncaught exception leaves the process in an unknown state (a half-run synchronous section, possibly
 *   inside a database transaction or the embedded PGlite), which Node documents as unsafe to resume. It is
 *   logged, then the server closes gracefully (10 s at most) and exits with code 1, for the supervisor
 *   (systemd, Docker, Kubernetes) to restart it.
 * Only the error's type, message, code and stack are logged, never its data fields (statement parameters).
 */
process.on('unhandledRejection', (reason) => {
  log.error({ err: safeError(reason) }, 'unhandled promise rejection (the process keeps running)');
});
process.on('uncaughtException', (error, origin) => {
  log.fatal({ err: safeError(error), origin }, 'uncaught exception; shutting down');
  if (shutdown) void shutdown('uncaughtException', 1);
  else process.exit(1);
});

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await startApp(config);
  log = app.ctx.log;
  const hasDemo = (await app.ctx.store.workspaces.findBySlug(DEMO_WORKSPACE)) !== null;
  const lines = [
    '',
    `  Tandem is running on ${app.url}  (database: ${config.database.driver === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL'})`,
    '',
    `  Demo shop (customer widget):  ${app.url}/demo/`,
    `  Agent console:                ${app.url}/console/`,
    `  REST API description:         ${app.url}/api/openapi.json`,
  ];
  if (hasDemo) {
    lines.push('', `  Demo logins (password "${DEMO_PASSWORD}"${app.seeded ? ', created just now' : ''}):`);
    for (const user of demoUsers)
      lines.push(`    ${user.role.padEnd(8)} ${user.email.padEnd(22)} ${user.name}`);
  }

  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    app.ctx.log.info({ signal }, 'shutting down');
    // a close that hangs (e.g. after an uncaught exception) must not keep a broken process alive
    setTimeout(() => process.exit(code || 1), 10_000).unref();
    await app.close().catch((error: unknown) => log.error({ err: safeError(error) }, 'close failed'));
    process.exit(code);
  };
  shutdown = stop;
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // the banner last: whoever waits for it (a supervisor, a test) may signal at once
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Tandem failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
