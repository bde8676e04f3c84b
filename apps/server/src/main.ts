import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD, DEMO_WORKSPACE, demoUsers } from './demo/seed.ts';

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
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.ctx.log.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Tandem failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
