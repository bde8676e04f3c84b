import type { DomainEventMap } from '@tandem/domain';
import { type EnginePorts, trainingReportOf } from '@tandem/engine';
import {
  createMemoryEventBus,
  createStore,
  type KnowledgeRepository,
  openTestDatabase,
  type SqlStore,
} from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoDefinitions, seedDemoWorkspace } from '../demo/seed.ts';
import { createBrainRegistry } from './brainRegistry.ts';

type Status = DomainEventMap['bot.status'];

/** Training runs in a worker thread and takes seconds on a busy machine. */
const TRAINING_TIMEOUT = 120_000;

const silentLog = {
  level: 'silent',
  fatal() {},
  error() {},
  warn() {},
  info() {},
  debug() {},
  trace() {},
  silent() {},
  child() {
    return silentLog;
  },
} as unknown as FastifyBaseLogger;

const ports: EnginePorts = {
  http: async () => {
    throw new Error('no business system in this test');
  },
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

describe('brain registry', () => {
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    const test = await openTestDatabase('pglite');
    cleanup = test.cleanup;
    store = createStore(test.db);
    await seedDemoWorkspace(store);
    await seedDemoDefinitions(store);
    workspaceId = (await store.workspaces.findBySlug('demo'))?.id as string;
  });
  afterAll(async () => {
    for (const close of closers) close();
    await cleanup();
  });

  /**
   * A registry over the store whose knowledge loads go through `list` (to count them or make them fail),
   * with the 'bot.status' events it publishes.
   */
  function registryWith(list: KnowledgeRepository['list'] = (id) => store.knowledge.list(id)) {
    const knowledge: KnowledgeRepository = { ...store.knowledge, list };
    const listenerErrors: unknown[] = [];
    const events = createMemoryEventBus((error) => listenerErrors.push(error));
    const statuses: Status[] = [];
    const watchers: Array<{ match: (s: Status) => boolean; resolve: (s: Status) => void }> = [];
    events.subscribe('bot.status', (status) => {
      statuses.push(status);
      for (const watcher of [...watchers]) {
        if (!watcher.match(status)) continue;
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve(status);
      }
    });
    const registry = createBrainRegistry({ ...store, knowledge }, ports, silentLog, events);
    closers.push(() => registry.close());
    return {
      registry,
      events,
      statuses,
      listenerErrors,
      /** the first status event from now on that matches */
      next: (match: (s: Status) => boolean) =>
        new Promise<Status>((resolve) => watchers.push({ match, resolve })),
    };
  }

  it(
    'says training, not live, until the first build since start-up answers, and live once it does',
    async () => {
      const r = registryWith((id) => store.knowledge.list(id));
      expect(r.registry.status(workspaceId)).toEqual({ state: 'training', version: 0, liveVersion: 0 });
      const first = r.registry.forWorkspace(workspaceId);
      // checked once the build is over: a test that failed with a build still reading the database would
      // close it under the build (PGlite then spins in its query loop instead of failing)
      const during = r.registry.status(workspaceId);
      await first;
      expect(during).toEqual({ state: 'training', version: 0, liveVersion: 0 });
      expect(r.registry.status(workspaceId)).toEqual({ state: 'live', version: 0, liveVersion: 0 });
      await r.events.drain();
      expect(r.statuses).toEqual([{ workspaceId, state: 'live', version: 0 }]);
      expect(r.listenerErrors).toEqual([]);
    },
    TRAINING_TIMEOUT,
  );

  it(
    'coalesces ten saves in a row into at most two trainings, and says when the last is live',
    async () => {
      let loads = 0;
      const r = registryWith((id) => {
        loads += 1;
        return store.knowledge.list(id);
      });
      const versions = Array.from({ length: 10 }, () => r.registry.rebuild(workspaceId));
      expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(r.registry.status(workspaceId)).toMatchObject({
        state: 'training',
        version: 10,
        liveVersion: 0,
      });
      expect(await r.registry.whenLive(workspaceId, 10)).toBe(true);
      expect(r.registry.status(workspaceId)).toEqual({ state: 'live', version: 10, liveVersion: 10 });
      expect(loads).toBeGreaterThanOrEqual(1);
      expect(loads).toBeLessThanOrEqual(2);
      await r.events.drain();
      const live = r.statuses.filter((s) => s.state === 'live');
      expect(live.length).toBeLessThanOrEqual(2);
      expect(live.at(-1)).toEqual({ workspaceId, state: 'live', version: 10 });
      expect(r.statuses.filter((s) => s.state === 'training').map((s) => s.version)).toEqual(versions);
      expect(r.statuses.filter((s) => s.state === 'failed')).toEqual([]);
      // an earlier version is live too, at once
      expect(await r.registry.whenLive(workspaceId, 3)).toBe(true);
      expect(r.listenerErrors).toEqual([]);
    },
    TRAINING_TIMEOUT,
  );

  it(
    'keeps the previous bot answering when retraining fails, and reports the failure',
    async () => {
      let failNext = false;
      const r = registryWith((id) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('knowledge base unreachable'));
        }
        return store.knowledge.list(id);
      });
      const engine = await r.registry.forWorkspace(workspaceId);

      failNext = true;
      const failed = r.next((s) => s.state === 'failed');
      const version = r.registry.rebuild(workspaceId);
      expect(await r.registry.whenLive(workspaceId, version)).toBe(false);
      expect(await failed).toEqual({
        workspaceId,
        state: 'failed',
        version,
        error: 'knowledge base unreachable',
      });
      expect(r.registry.status(workspaceId)).toEqual({
        state: 'failed',
        version,
        liveVersion: 0,
        error: 'knowledge base unreachable',
      });

      // the bot built before the failure still answers
      expect(await r.registry.forWorkspace(workspaceId)).toBe(engine);
      const turn = await engine.turn(null, {
        text: 'how long does shipping take?',
        attributes: {},
        now: new Date(),
        lang: 'en',
      });
      expect(turn.replies.length).toBeGreaterThan(0);
      expect(turn.replies[0]?.text.length).toBeGreaterThan(0);

      // the next save trains again and clears the failure
      const again = r.registry.rebuild(workspaceId);
      expect(await r.registry.whenLive(workspaceId, again)).toBe(true);
      expect(r.registry.status(workspaceId)).toEqual({ state: 'live', version: again, liveVersion: again });
      expect(r.listenerErrors).toEqual([]);
    },
    TRAINING_TIMEOUT,
  );

  it(
    'serves a new entry at once, before the retrained classifier is in place, and then from it',
    async () => {
      const r = registryWith();
      await r.registry.forWorkspace(workspaceId);
      const entry = {
        id: 'learn.gift-card',
        category: 'orders',
        questions: { zh: ['礼品卡怎么激活'], en: ['how do I activate a gift card'] },
        answer: {
          zh: '在「我的」→「礼品卡」里输入卡密激活。',
          en: 'Enter the card code under Me → Gift cards.',
        },
        related: [],
        enabled: true,
      };
      await store.knowledge.write(workspaceId, [{ change: 'create', entry }], { actor: null, via: 'edit' });
      const version = r.registry.rebuild(workspaceId);
      const firstLive = r.next((s) => s.state === 'live' && s.version === version);
      expect(await r.registry.whenLive(workspaceId, version)).toBe(true);
      await firstLive;
      // live means answerable: the engine now answering has the entry, in both languages
      const ask = async (text: string) =>
        (await r.registry.forWorkspace(workspaceId)).turn(null, { text, attributes: {}, now: new Date() });
      expect((await ask('礼品卡怎么激活')).intent).toBe(entry.id);
      expect((await ask('How do I activate a gift card?')).intent).toBe(entry.id);
      // the training goes on in the background and replaces it; the entry still answers
      while (r.registry.learning(workspaceId))
        await r.next((s) => s.state === 'live' || s.state === 'failed');
      expect(r.registry.status(workspaceId)).toEqual({ state: 'live', version, liveVersion: version });
      expect((await ask('礼品卡怎么激活')).intent).toBe(entry.id);
      // retrained from the bot it replaces: one entry changed, so that bot's calibration was kept
      const kept = trainingReportOf(await r.registry.forWorkspace(workspaceId))?.calibrationKept;
      expect(kept?.changedExamples).toBeGreaterThan(0);
      await store.knowledge.write(workspaceId, [{ change: 'delete', entry }], { actor: null, via: 'edit' });
      const removed = r.registry.rebuild(workspaceId);
      expect(await r.registry.whenLive(workspaceId, removed)).toBe(true);
      expect((await ask('礼品卡怎么激活')).intent).not.toBe(entry.id);
      expect(r.listenerErrors).toEqual([]);
    },
    TRAINING_TIMEOUT,
  );

  it(
    'answers pending whenLive with false on close, and publishes nothing after',
    async () => {
      const loading = deferred<void>();
      const r = registryWith(async (id) => {
        await loading.promise;
        return store.knowledge.list(id);
      });
      const version = r.registry.rebuild(workspaceId);
      const live = r.registry.whenLive(workspaceId, version);
      const building = r.registry.forWorkspace(workspaceId);
      r.registry.close();
      expect(await live).toBe(false);
      // the load in progress ends after the close: the build gives up instead of training
      loading.resolve();
      await expect(building).rejects.toThrow(/shutting down/);
      await r.events.drain();
      expect(r.statuses).toEqual([{ workspaceId, state: 'training', version }]);
    },
    TRAINING_TIMEOUT,
  );
});
