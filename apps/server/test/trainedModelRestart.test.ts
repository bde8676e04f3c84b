import { forgetTrainedMatchers, forgetTrainedModels, trainingsStarted } from '@tandem/engine';
import { openTestDatabase, trainedModelRepository } from '@tandem/storage';
import { afterAll, describe, expect, it } from 'vitest';
import { clientId, emit, newCustomer, startTestApp, type TestApp, waitFor } from './harness.ts';

/**
 * A restarted server (or another server of the deployment) answers with the bot model trained before, read
 * from PostgreSQL, instead of training it again: the bot is fully ready as soon as the workspace is loaded.
 * (Embedded PGlite keeps models in memory only: see docs/architecture.md.)
 */
describe('a trained bot model survives a restart', () => {
  let app: TestApp | null = null;
  let url = '';
  let dropDatabase = async () => {};
  afterAll(async () => {
    await app?.close();
    await dropDatabase();
  });

  const start = async () => {
    if (!url) {
      const test = await openTestDatabase('postgres');
      await test.db.destroy();
      url = test.url as string;
      dropDatabase = test.cleanup;
    }
    return startTestApp('pglite', { database: { driver: 'postgres', url, poolSize: 5 } });
  };

  it('trains once, keeps the model, and a new process answers with it without training', async () => {
    // a new process: nothing trained in memory (another test file in this worker may have trained the demo)
    forgetTrainedModels();
    forgetTrainedMatchers();
    app = await start();
    const demo = await app.app.ctx.store.workspaces.findBySlug('demo');
    if (!demo) throw new Error('no demo workspace');
    const models = trainedModelRepository(app.app.ctx.store.db);
    // the model is kept after it is trained (saving follows the training, without delaying the bot): checked
    // every 100 ms until it is there (bounded by the test's timeout), not in a loop that would load the database
    while ((await models.keys(demo.id)).length === 0) await new Promise((r) => setTimeout(r, 100));
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
