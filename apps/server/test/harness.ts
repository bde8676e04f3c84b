import type { Ack } from '@tandem/protocol';
import {
  createStore,
  dumpPglite,
  migratedPglite,
  openDatabase,
  openTestDatabase,
  type TestDriver,
} from '@tandem/storage';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { type App, startApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { seedDemoCannedReplies } from '../src/demo/cannedReplies.ts';
import { seedDemoDefinitions, seedDemoWorkspace } from '../src/demo/seed.ts';
import { keepServerLog } from './serverLogs.ts';

/**
 * How long a test waits for an event (an ack, a pushed event, a page element) before failing. Tests wait
 * for events, never for a fixed time; this only bounds a wait that would otherwise hang, and is generous
 * so that a busy machine (two cores shared with other work) is slow, not failing.
 */
export const EVENT_TIMEOUT_MS = 30_000;
/** How long a test waits for the bot to retrain after staff changed what it knows. */
export const RETRAIN_TIMEOUT_MS = 4 * EVENT_TIMEOUT_MS;

let seeded: Promise<Blob> | null = null;

/**
 * The demo workspace as the server seeds it, dumped once per test process: each in-memory test server
 * starts from this copy instead of running initdb, the migrations and the seed again (the server's own
 * seeding then finds the demo there, as on a restart). Tests of the seed itself start from an empty database.
 */
function seededPglite(): Promise<Blob> {
  seeded ??= (async () => {
    const db = await openDatabase({ driver: 'pglite', dataDir: null, loadDataDir: await migratedPglite() });
    try {
      const store = createStore(db);
      await seedDemoWorkspace(store);
      await seedDemoDefinitions(store);
      await seedDemoCannedReplies(store);
      return await dumpPglite(db, { withoutTemplates: true });
    } finally {
      await db.destroy();
    }
  })();
  return seeded;
}

/** A real server on a random port, on a fresh PGlite or a throw-away PostgreSQL database, seeded with the demo. */
export async function startTestApp(driver: TestDriver = 'pglite', overrides: Partial<Config> = {}) {
  let database: Config['database'] = {
    driver: 'pglite',
    dataDir: null,
    loadDataDir: overrides.seedDemo === false ? await migratedPglite() : await seededPglite(),
  };
  let dropDatabase = async () => {};
  if (driver === 'postgres') {
    const test = await openTestDatabase('postgres');
    await test.db.destroy();
    database = { driver: 'postgres', url: test.url as string, poolSize: 5 };
    dropDatabase = test.cleanup;
  }
  const app: App = await startApp({
    port: 0,
    host: '127.0.0.1',
    database,
    publicUrl: null,
    // errors are kept and shown when a test fails (serverLogs.ts); TEST_LOG_LEVEL prints a level and up instead
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel']) ?? 'error',
    ...(process.env.TEST_LOG_LEVEL ? {} : { logStream: { write: keepServerLog } }),
    seedDemo: true,
    sessionTtlHours: 1,
    cookieSecure: false,
    trustProxy: false,
    rateLimitPerMinute: 10_000,
    rateLimitSessionsPerMinute: 300,
    socketEventsPerSecond: 2,
    socketEventBurst: 20,
    flowHttpAllow: [],
    demoBusinessApi: true,
    botConcurrency: 4,
    botMaxBacklog: 2000,
    // a slow machine must not make the bot refuse work as `busy`: no test here is about that limit
    botMaxWaitMs: 10 * EVENT_TIMEOUT_MS,
    // offer timeouts and offline grace periods are found by a database poll; tests of those set 100 ms
    // (routing.test.ts, supervisor.test.ts): at 100 ms everywhere the poll was half of all SQL the suite ran
    routingTickMs: 500,
    routingOfferTimeoutSeconds: 30,
    routingOfflineGraceSeconds: 60,
    serviceTickMs: 500,
    // dashboards follow at once (production waits up to 10 s between recomputations of an hour)
    analyticsRollupDelayMs: 0,
    autoCloseIdleMinutes: 0,
    smtp: null,
    attachmentMaxBytes: 5 * 1024 * 1024,
    // trained models are kept as files for the whole run (globalSetup.ts), as beside an embedded database
    botModelDir: inject('botModelDir') ?? null,
    ...overrides,
  });
  // the demo bot trains in a worker after listen; tests start once it can answer, as a customer would later
  await app.botsReady;
  const sockets: Socket[] = [];
  return {
    app,
    url: app.url,
    track(socket: Socket) {
      sockets.push(socket);
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await dropDatabase().catch(() => undefined);
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export async function api<T = unknown>(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; cookie?: string } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.cookie ? { cookie: init.cookie } : {}),
    },
    body:
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function loginCookie(url: string, email: string, password = 'tandem-demo'): Promise<string> {
  const res = await api(url, '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0] as string;
}

export function connect(
  t: TestApp,
  namespace: '/widget' | '/agent',
  options: { token?: string; cookie?: string },
): Promise<Socket> {
  const socket = t.track(
    io(`${t.url}${namespace}`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: options.token ? { visitorToken: options.token, protocol: 1 } : {},
      extraHeaders: options.cookie ? { cookie: options.cookie } : {},
    }),
  );
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function emit<T>(socket: Socket, event: string, payload?: unknown): Promise<Ack<T>> {
  return socket.timeout(EVENT_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Resolves with the first `event` payload that satisfies `match` (events before the call are not seen). */
export function waitFor<T>(
  socket: Socket,
  event: string,
  match: (payload: T) => boolean = () => true,
  ms = EVENT_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

let counter = 0;
export const clientId = () => `test-${Date.now()}-${counter++}`;

export async function newCustomer(
  t: TestApp,
  locale: 'zh' | 'en' = 'zh',
  attributes?: Record<string, string>,
) {
  const session = await api<{ visitorToken: string; contactId: string }>(t.url, '/api/widget/session', {
    body: { workspace: 'demo', locale, ...(attributes ? { attributes } : {}) },
  });
  const socket = await connect(t, '/widget', { token: session.body.visitorToken });
  return { socket, token: session.body.visitorToken, contactId: session.body.contactId };
}
