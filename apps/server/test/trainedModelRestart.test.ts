import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgetTrainedMatchers, forgetTrainedModels, trainingsStarted } from '@tandem/engine';
import { openTestDatabase, trainedModelRepository } from '@tandem/storage';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { clientId, emit, newCustomer, startTestApp, type TestApp, waitFor } from './harness.ts';

/** A deployment's database, kept across the restarts of one test, and what it keeps models in. */
interface Deployment {
  config(): Promise<Partial<Config>>;
  /** the keys of the workspace's kept models */
  kept(app: TestApp, workspaceId: string): Promise<string[]>;
  remove(): Promise<void>;
}

/** PostgreSQL: models in its `trained_models` table, shared by every server of the deployment. */
function postgres(): Deployment {
  let url = '';
  let drop = async () => {};
  return {
    async config() {
      if (!url) {
        const test = await openTestDatabase('postgres');
        await test.db.destroy();
        url = test.url as string;
        drop = test.cleanup;
      }
      return { database: { driver: 'postgres', url, poolSize: 5 } };
    },
    kept: (app, workspaceId) => trainedModelRepository(app.app.ctx.store.db).keys(workspaceId),
    remove: () => drop(),
  };
}

/** Embedded PGlite in a data directory, as `npm start` runs: models as files in `<DATA_DIR>/bot-models`. */
function embedded(): Deployment {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-restart-'));
  const models = join(dir, 'bot-models');
  return {
    config: async () => ({ database: { driver: 'pglite', dataDir: join(dir, 'db') }, botModelDir: models }),
    kept: async (_app, workspaceId) => {
      const folder = join(models, workspaceId);
      return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.model')) : [];
    },
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A restarted server (or another server of the deployment) answers with the bot model trained before instead
 * of training it again: the bot is fully ready as soon as the workspace is loaded. PostgreSQL keeps models in
 * the database; the embedded database keeps them as files beside it (docs/architecture.md).
 */
describe.each([
  ['PostgreSQL', postgres],
  ['the embedded database', embedded],
] as const)('a trained bot model survives a restart on %s', (_name, deployment) => {
  let app: TestApp | null = null;
  const where = deployment();
  afterAll(async () => {
    await app?.close();
    await where.remove();
  });

  const start = async () => startTestApp('pglite', await where.config());

  it('trains once, keeps the model, and a new process answers with it without training', async () => {
    // a new process: nothing trained in memory (another test file in this worker may have trained the demo)
    forgetTrainedModels();
    forgetTrainedMatchers();
    app = await start();
    const demo = await app.app.ctx.store.workspaces.findBySlug('demo');
    if (!demo) throw new Error('no demo workspace');
    // the model is kept after it is trained (saving follows the training, without delaying the bot): checked
    // every 100 ms until it is there (bounded by the test's timeout), not in a loop that would load the database
    while ((await where.kept(app, demo.id)).length === 0) await new Promise((r) => setTimeout(r, 100));
    expect(await where.kept(app, demo.id)).toHaveLength(1);
    await app.close();
    app = null;

    // what a new process has: nothing trained in memory
    forgetTrainedModels();
    forgetTrainedMatchers();
    const trainings = trainingsStarted();
    app = await start();
    expect(trainingsStarted()).toBe(trainings);

    const customer = await newCustomer(app, 'zh');
    const reply = waitFor<{ author: { kind: string }; text: string }>(
      customer.socket,
      'message:new',
      (m: { author: { kind: string } }) => m.author.kind === 'bot',
    );
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '怎么开发票' });
    expect((await reply).text).toMatch(/发票/);
    expect(trainingsStarted()).toBe(trainings);
  });
});
