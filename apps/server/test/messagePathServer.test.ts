import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BotStatusView, MessageView, WidgetConversation, WidgetSession } from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientId,
  connect,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

type Customer = Awaited<ReturnType<typeof newCustomer>>;

/** Training runs in a worker thread and takes seconds on a busy machine. */
const TRAINING_TIMEOUT = 180_000;

/** Every `bot:status` a staff socket receives from now on; `until` also sees the ones already received. */
function statusLog(socket: Socket) {
  const seen: BotStatusView[] = [];
  const waiters: Array<{ match: (s: BotStatusView) => boolean; resolve: (s: BotStatusView) => void }> = [];
  socket.on('bot:status', (status: BotStatusView) => {
    seen.push(status);
    for (const waiter of [...waiters]) {
      if (!waiter.match(status)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(status);
    }
  });
  return {
    seen,
    until(match: (s: BotStatusView) => boolean): Promise<BotStatusView> {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

/** The first bot message the customer receives from now on (no timer: the test's timeout bounds it). */
const nextBotMessage = (customer: Customer) =>
  new Promise<MessageView>((resolve) => {
    const listener = (message: MessageView) => {
      if (message.author.kind !== 'bot') return;
      customer.socket.off('message:new', listener);
      resolve(message);
    };
    customer.socket.on('message:new', listener);
  });

const session = async (t: TestApp, token: string) =>
  (
    await api<WidgetSession>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: token },
    })
  ).body;

describe('the message path in the server', () => {
  let t: TestApp;
  let admin: string;
  let status: ReturnType<typeof statusLog>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    status = statusLog(await connect(t, '/agent', { cookie: admin }));
  });
  afterAll(() => t.close());

  const ask = async (customer: Customer, text: string) => {
    const reply = nextBotMessage(customer);
    const ack = await emit(customer.socket, 'message:send', { clientId: clientId(), text });
    expect(ack).toMatchObject({ ok: true });
    return reply;
  };

  const put = (entry: { id: string }) =>
    api<{ bot: BotStatusView }>(t.url, `/api/admin/knowledge/${entry.id}`, {
      method: 'PUT',
      cookie: admin,
      body: entry,
    });

  it(
    'learns an entry made of prototype words and answers a customer asking "constructor"',
    async () => {
      const entry = {
        id: 'proto.words',
        category: 'constructor',
        questions: {
          zh: ['constructor 是什么', '__proto__ 和 toString'],
          en: ['constructor', 'what is __proto__', 'toString please'],
        },
        answer: {
          zh: '原型词答案：constructor、__proto__、toString。',
          en: 'Prototype answer: constructor, __proto__ and toString are plain words here.',
        },
        related: ['toString', '__proto__'],
      };
      const saved = await put(entry);
      expect(saved.status).toBe(200);
      expect(saved.body.bot.state).toBe('training');
      const version = saved.body.bot.version;
      await status.until((s) => s.liveVersion >= version);
      const listed = await api<{ entries: Array<{ id: string }> }>(t.url, '/api/admin/knowledge', {
        cookie: admin,
      });
      expect(listed.body.entries.find((e) => e.id === entry.id)).toEqual({ ...entry, enabled: true });
      const reply = await ask(await newCustomer(t, 'en'), 'constructor');
      expect(reply.text).toContain('Prototype answer');
    },
    TRAINING_TIMEOUT,
  );

  const topics = [
    'walrus',
    'pangolin',
    'axolotl',
    'capybara',
    'narwhal',
    'okapi',
    'quokka',
    'tapir',
    'wombat',
    'ocelot',
    'manatee',
    'platypus',
    'armadillo',
    'flamingo',
    'chinchilla',
    'iguana',
    'lemur',
    'meerkat',
    'porcupine',
    'salamander',
  ];
  const topicEntry = (topic: string, index: number) => ({
    id: `zoo.${topic}`,
    category: 'zoo',
    questions: {
      zh: [`${topic} 贴纸`],
      en: [`do you sell ${topic} stickers`, `${topic} sticker`],
    },
    answer: {
      zh: `${topic} 贴纸在第 ${index + 1} 号货架。`,
      en: `${topic} stickers are on shelf ${index + 1}.`,
    },
    related: [],
  });

  it(
    'takes twenty saves at once, goes live with all of them, and answers each',
    async () => {
      const saves = await Promise.all(topics.map((topic, index) => put(topicEntry(topic, index))));
      for (const saved of saves) {
        expect(saved.status).toBe(200);
        expect(saved.body.bot.state).toBe('training');
      }
      const highest = Math.max(...saves.map((s) => s.body.bot.version));
      const live = await status.until((s) => s.liveVersion >= highest);
      expect(live.state === 'live' || live.version > highest).toBe(true);
      const now = await api<BotStatusView>(t.url, '/api/admin/bot/status', { cookie: admin });
      expect(now.body).toMatchObject({ state: 'live', liveVersion: highest, version: highest });
      for (const [index, topic] of topics.entries()) {
        const reply = await ask(await newCustomer(t, 'en'), `do you sell ${topic} stickers?`);
        expect(reply.text).toContain(`${topic} stickers are on shelf ${index + 1}.`);
      }
    },
    TRAINING_TIMEOUT,
  );

  it('syncs the messages after a given sequence number', async () => {
    const customer = await newCustomer(t, 'en');
    const empty = await emit<{ conversation: WidgetConversation | null; messages: MessageView[] }>(
      customer.socket,
      'sync',
      { afterSeq: 0 },
    );
    expect(empty).toEqual({ ok: true, data: { conversation: null, messages: [] } });

    await ask(customer, 'how long does shipping take?');
    await ask(customer, 'do you ship abroad?');
    type Synced = { conversation: WidgetConversation; messages: MessageView[] };
    const all = await emit<Synced>(customer.socket, 'sync', { afterSeq: 0 });
    if (!all.ok) throw new Error(JSON.stringify(all));
    const seqs = all.data.messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(all.data.messages.filter((m) => m.author.kind === 'customer').map((m) => m.text)).toEqual([
      'how long does shipping take?',
      'do you ship abroad?',
    ]);
    expect(all.data.conversation.id).toBe(all.data.messages[0]?.conversationId);

    const after = (all.data.messages.find((m) => m.text === 'do you ship abroad?') as MessageView).seq - 1;
    const tail = await emit<Synced>(customer.socket, 'sync', { afterSeq: after });
    if (!tail.ok) throw new Error(JSON.stringify(tail));
    expect(tail.data.messages).toEqual(all.data.messages.filter((m) => m.seq > after));
    expect(tail.data.messages[0]?.text).toBe('do you ship abroad?');

    const none = await emit<Synced>(customer.socket, 'sync', { afterSeq: seqs.at(-1) as number });
    expect(none.ok && none.data.messages).toEqual([]);
    const bad = await emit(customer.socket, 'sync', { afterSeq: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('answers an unknown event that has an acknowledgement with bad_request', async () => {
    const customer = await newCustomer(t, 'en');
    expect(await emit(customer.socket, 'message:delete', { id: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'unknown event "message:delete"' },
    });
    const agent = await connect(t, '/agent', { cookie: admin });
    expect(await emit(agent, 'no:such:event')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // the sockets still work
    expect((await emit(customer.socket, 'sync', { afterSeq: 0 })).ok).toBe(true);
  });
});

describe('the bot at its backlog limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { botMaxBacklog: 1, botConcurrency: 1 });
  });
  afterAll(() => t.close());

  it(
    'refuses messages as busy without storing them, and answers every message it accepted',
    async () => {
      // the bot's first turn is held until the test lets it go, so the backlog is full for as long as needed
      const bots = t.app.ctx.bots;
      const forWorkspace = bots.forWorkspace.bind(bots);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered!: () => void;
      const turnStarted = new Promise<void>((resolve) => {
        entered = resolve;
      });
      bots.forWorkspace = async (workspaceId) => {
        entered();
        await gate;
        return forWorkspace(workspaceId);
      };

      const customers: Customer[] = [];
      for (let i = 0; i < 40; i++) customers.push(await newCustomer(t, 'zh'));
      const replies = customers.map(nextBotMessage);
      const sent = customers.map(() => clientId());
      const send = (i: number) =>
        emit((customers[i] as Customer).socket, 'message:send', { clientId: sent[i], text: '运费怎么算' });

      // the first message's turn runs (and waits at the gate); the second waits in the queue: it is full
      expect((await send(0)).ok).toBe(true);
      await turnStarted;
      expect((await send(1)).ok).toBe(true);
      // everyone else at once
      const rest = await Promise.all(customers.slice(2).map((_, i) => send(i + 2)));
      for (const ack of rest) expect(ack).toMatchObject({ ok: false, error: { code: 'busy' } });
      for (let i = 2; i < customers.length; i++) {
        const view = await session(t, customers[i]?.token as string);
        expect(view.messages.filter((m) => m.clientId === sent[i])).toEqual([]);
        expect(view.conversation).toBeNull();
      }

      release();
      for (const i of [0, 1]) {
        expect((await replies[i])?.author.kind).toBe('bot');
        const view = await session(t, customers[i]?.token as string);
        expect(view.messages.filter((m) => m.clientId === sent[i])).toHaveLength(1);
      }
      // the backlog drained: a customer refused before is accepted now, with the same client id
      const again = await send(2);
      expect(again.ok).toBe(true);
      expect((await replies[2])?.author.kind).toBe('bot');
    },
    TRAINING_TIMEOUT,
  );
});

describe('a graceful stop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-sigterm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<TestDriver>(['pglite', 'postgres'])(
    'lets the timers’ work in progress end before closing the database on %s (nothing fails on the way out)',
    async (driver) => {
      // the routing and service-level timers at 1 ms: a pass of each is nearly always under way when it stops
      const t = await startTestApp(driver, { routingTickMs: 1, serviceTickMs: 1, analyticsRollupDelayMs: 0 });
      const errors: string[] = [];
      const log = t.app.ctx.log as unknown as { error: (first: unknown, message?: string) => void };
      log.error = (first, message) => {
        errors.push(typeof first === 'string' ? first : (message ?? JSON.stringify(first)));
      };
      // work for the analytics passes too: a conversation the bot answered, then handed to the queue
      const customer = await newCustomer(t, 'en');
      const answered = waitFor(
        customer.socket,
        'message:new',
        (m: { author: { kind: string } }) => m.author.kind === 'bot',
      );
      await emit(customer.socket, 'message:send', {
        clientId: clientId(),
        text: 'how long does shipping take?',
      });
      await answered;
      expect((await emit(customer.socket, 'handoff:request', {})).ok).toBe(true);
      await t.close();
      expect(errors).toEqual([]);
    },
    60_000,
  );

  it('exits with code 0 soon after SIGTERM, even while the start-up training runs', async () => {
    const compiled = existsSync('dist/server/main.js');
    const args = compiled ? ['dist/server/main.js'] : ['--import', 'tsx', 'apps/server/src/main.ts'];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let out = '';
    let signalled = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!signalled && out.includes('Tandem is running on')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const { code, signal } = await exited;
    expect(signalled, `the server never started: ${stderr}`).toBe(true);
    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
  }, 60_000);
});
