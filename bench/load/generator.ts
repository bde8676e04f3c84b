/**
 * The load generator: simulated customers (in forked worker processes) and agents (in this process), speaking
 * Tandem's real protocol through socket.io-client. Used by run.ts; see README.md for the scenario.
 *
 * Customers: each a new visitor (POST /api/widget/session, then a `/widget` socket). The first `active` of
 * them send a message every `interval` seconds (jittered ±50%); a share of those messages ask for a person.
 * Bot-reply latency is the time from emit to the first bot `message:new` answering that message.
 * Agents: log in, accept queued conversations, greet, answer each customer message, resolve after three
 * lines; agent delivery latency is agent emit → the customer's `message:new`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Ack, AgentConversation, MessageView, WidgetConversation } from '@tandem/protocol';
import { io, type Socket } from 'socket.io-client';
import { AGENT_LINES, HANDOFF_WORDS, pick, QUESTIONS } from './questions.ts';
import { bump, type Counts, mergeCounts, now, percentile, seededRandom, sleep } from './stats.ts';

export interface GeneratorOptions {
  url: string;
  customers: number;
  /** 'burst' (as fast as `burstConcurrency` allows) or new visitors per second, in total */
  arrival: 'burst' | number;
  workers: number;
  burstConcurrency: number;
  /** no ack / no bot reply within this is a timeout */
  timeoutMs: number;
}

export interface LoadStep {
  active: number;
  interval: number;
  duration: number;
  /** share of customer messages that ask for a person (人工 / human) */
  handoffRate: number;
  kbEdit: boolean;
  /** one extra visitor sends messages as fast as it can throughout the step (it should be rate-limited) */
  flood?: boolean;
}

export interface ConnectSummary {
  attempted: number;
  connected: number;
  failed: Counts;
  elapsedS: number;
  sessionP50: number;
  sessionP99: number;
  socketP50: number;
  socketP99: number;
  lagP99: number;
}

export interface StepResult {
  step: LoadStep;
  held: number;
  sent: number;
  sentBot: number;
  answered: number;
  late: number;
  lost: number;
  handedOver: number;
  offeredPerS: number;
  answeredPerS: number;
  latency: { n: number; p50: number; p95: number; p99: number; max: number };
  /** bot-reply p99 of the messages sent in each 10-second window of the step, in order */
  timeline: number[];
  /**
   * The same by second of sending: how many seconds had a p99 over 100 ms, and the worst second (from the
   * step's first message). One short stall can make a whole run's p99: this shows whether it did.
   */
  seconds: { total: number; over100: number; worst: { at: number; n: number; p99: number } | null };
  agent: {
    connected: number;
    accepted: number;
    resolved: number;
    sent: number;
    delivered: number;
    lost: number;
    ackTimeouts: number;
    queuedLeft: number;
    p50: number;
    p99: number;
  };
  errors: Counts;
  ackTimeouts: number;
  replyTimeouts: number;
  disconnects: Counts;
  lagP99: number;
  lagMax: number;
  flood: FloodResult | null;
  kb: {
    at: number;
    status: number;
    tookMs: number;
    p99Before: number;
    p99After: number;
    nBefore: number;
    nAfter: number;
  } | null;
  startAt: number;
  endAt: number;
}

// ---- messages between the coordinator and its workers ----
type ToWorker =
  | { type: 'connect'; options: GeneratorOptions; indices: number[]; rate: number | 'burst' }
  | {
      type: 'load';
      startAt: number;
      endAt: number;
      interval: number;
      handoffRate: number;
      activeBelow: number;
    }
  | { type: 'finish' }
  | { type: 'close' };
interface WorkerLoadResult {
  held: number;
  sent: number;
  sentBot: number;
  answered: number;
  late: number;
  lost: number;
  handedOver: number;
  ackErrors: Counts;
  ackTimeouts: number;
  replyTimeouts: number;
  disconnects: Counts;
  /** [sentAt, latency] pairs of answered messages */
  samples: number[];
  lagP99: number;
  lagMax: number;
}
type FromWorker =
  | {
      type: 'connected';
      connected: number;
      failed: Counts;
      sessionMs: number[];
      socketMs: number[];
      lagP99: number;
    }
  | { type: 'progress'; arrivals: Array<[string, number]>; outstanding: number }
  | { type: 'loaded'; result: WorkerLoadResult }
  | { type: 'closed' };

export const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const lagMs = (h: IntervalHistogram, p: number) => (h.count === 0 ? 0 : h.percentile(p) / 1e6);

/** Logs in and returns the `tandem_session` cookie ("name=value"). */
export async function login(url: string, email: string, password = 'tandem-demo'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
  if (!cookie) throw new Error(`login ${email}: no tandem_session cookie`);
  return cookie.split(';')[0] as string;
}

// =====================================================================================================
// Coordinator (runs in run.ts's process)
// =====================================================================================================

interface WorkerHandle {
  child: ChildProcess;
  outstanding: number;
  waiters: Array<{ type: FromWorker['type']; resolve: (m: FromWorker) => void }>;
}

export class Generator {
  private readonly workers: WorkerHandle[] = [];
  private agents: AgentPool | null = null;
  private readonly lag = monitorEventLoopDelay({ resolution: 10 });
  private connected = 0;

  private constructor(readonly options: GeneratorOptions) {}

  static async start(options: GeneratorOptions): Promise<Generator> {
    if (!LOOPBACK.has(new URL(options.url).hostname)) throw new Error('the generator targets loopback only');
    const generator = new Generator(options);
    const tsx = import.meta.resolve('tsx');
    for (let w = 0; w < options.workers; w++) {
      const child = fork(fileURLToPath(import.meta.url), [], {
        execArgv: ['--import', tsx],
        env: { ...process.env, TANDEM_LOAD_WORKER: '1' },
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      const handle: WorkerHandle = { child, outstanding: 0, waiters: [] };
      child.on('message', (message: FromWorker) => generator.onWorkerMessage(handle, message));
      child.on('exit', (code) => {
        for (const waiter of handle.waiters.splice(0))
          waiter.resolve({ type: 'closed' } as FromWorker & { type: 'closed' });
        if (code !== 0 && code !== null) process.stderr.write(`load worker ${w} exited with ${code}\n`);
      });
      generator.workers.push(handle);
    }
    return generator;
  }

  private onWorkerMessage(handle: WorkerHandle, message: FromWorker): void {
    if (message.type === 'progress') {
      handle.outstanding = message.outstanding;
      for (const [clientId, at] of message.arrivals) this.agents?.onDelivered(clientId, at);
      return;
    }
    const index = handle.waiters.findIndex((w) => w.type === message.type);
    if (index >= 0) handle.waiters.splice(index, 1)[0]?.resolve(message);
  }

  private ask<T extends FromWorker['type']>(
    handle: WorkerHandle,
    command: ToWorker,
    reply: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve) => {
      handle.waiters.push({ type: reply, resolve: resolve as (m: FromWorker) => void });
      if (handle.child.connected) handle.child.send(command);
      else resolve({ type: 'closed' } as Extract<FromWorker, { type: T }>);
    });
  }

  /** Phase 1: every customer becomes a new visitor and opens its socket. */
  async connect(): Promise<ConnectSummary> {
    const { customers, workers, arrival } = this.options;
    const started = now();
    this.lag.reset();
    this.lag.enable();
    const replies = await Promise.all(
      this.workers.map((handle, w) => {
        const indices: number[] = [];
        for (let i = w; i < customers; i += workers) indices.push(i);
        return this.ask(
          handle,
          {
            type: 'connect',
            options: this.options,
            indices,
            rate: arrival === 'burst' ? 'burst' : arrival / workers,
          },
          'connected',
        );
      }),
    );
    this.lag.disable();
    const failed: Counts = {};
    const sessionMs: number[] = [];
    const socketMs: number[] = [];
    let connected = 0;
    let lagP99 = lagMs(this.lag, 99);
    for (const reply of replies) {
      if (reply.type !== 'connected') continue;
      connected += reply.connected;
      mergeCounts(failed, reply.failed);
      sessionMs.push(...reply.sessionMs);
      socketMs.push(...reply.socketMs);
      lagP99 = Math.max(lagP99, reply.lagP99);
    }
    this.connected = connected;
    return {
      attempted: customers,
      connected,
      failed,
      elapsedS: (now() - started) / 1000,
      sessionP50: percentile(sessionMs, 50),
      sessionP99: percentile(sessionMs, 99),
      socketP50: percentile(socketMs, 50),
      socketP99: percentile(socketMs, 99),
      lagP99,
    };
  }

  /** Logs `count` agents in and opens their consoles' sockets (Tandem only; the echo server has no agents). */
  async startAgents(count: number): Promise<void> {
    if (count <= 0) return;
    this.agents = await AgentPool.start(this.options.url, count, this.options.timeoutMs);
  }

  /** Phases 2 and 3: a bounded period of load, then a drain of at most `timeoutMs`. */
  async run(step: LoadStep): Promise<StepResult> {
    const { timeoutMs } = this.options;
    const startAt = now() + 500;
    const endAt = startAt + step.duration * 1000;
    this.lag.reset();
    this.lag.enable();
    this.agents?.begin();
    for (const handle of this.workers) {
      handle.outstanding = 1;
      handle.child.send({
        type: 'load',
        startAt,
        endAt,
        interval: step.interval,
        handoffRate: step.handoffRate,
        activeBelow: step.active,
      } satisfies ToWorker);
    }
    let kbEdit: Promise<{ at: number; status: number; tookMs: number }> | null = null;
    const kbTimer =
      step.kbEdit && this.agents
        ? setTimeout(
            () => {
              kbEdit = editKnowledge(this.options.url);
            },
            Math.max(0, startAt + (step.duration * 1000) / 2 - now()),
          )
        : null;
    const flooding = step.flood ? flood(this.options.url, startAt, endAt) : null;
    await sleep(Math.max(0, endAt - now()));
    if (kbTimer) clearTimeout(kbTimer);
    this.agents?.stop();
    // drain: until every customer message is settled and every agent line delivered, or the timeout passes
    const deadline = endAt + timeoutMs + 1000;
    while (now() < deadline) {
      await sleep(100);
      const outstanding = this.workers.reduce((sum, w) => sum + w.outstanding, 0);
      if (outstanding === 0 && (this.agents?.outstanding() ?? 0) === 0) break;
    }
    this.lag.disable();
    const replies = await Promise.all(
      this.workers.map((handle) => this.ask(handle, { type: 'finish' }, 'loaded')),
    );
    const agent = this.agents?.finish() ?? null;
    const merged: WorkerLoadResult = {
      held: 0,
      sent: 0,
      sentBot: 0,
      answered: 0,
      late: 0,
      lost: 0,
      handedOver: 0,
      ackErrors: {},
      ackTimeouts: 0,
      replyTimeouts: 0,
      disconnects: {},
      samples: [],
      lagP99: lagMs(this.lag, 99),
      lagMax: this.lag.count === 0 ? 0 : this.lag.max / 1e6,
    };
    for (const reply of replies) {
      if (reply.type !== 'loaded') continue;
      const r = reply.result;
      for (const key of [
        'held',
        'sent',
        'sentBot',
        'answered',
        'late',
        'lost',
        'handedOver',
        'ackTimeouts',
        'replyTimeouts',
      ] as const)
        merged[key] += r[key];
      mergeCounts(merged.ackErrors, r.ackErrors);
      mergeCounts(merged.disconnects, r.disconnects);
      for (const value of r.samples) merged.samples.push(value);
      merged.lagP99 = Math.max(merged.lagP99, r.lagP99);
      merged.lagMax = Math.max(merged.lagMax, r.lagMax);
    }
    const latencies: number[] = [];
    const before: number[] = [];
    const after: number[] = [];
    const edit = kbEdit ? await (kbEdit as Promise<{ at: number; status: number; tookMs: number }>) : null;
    for (let i = 0; i < merged.samples.length; i += 2) {
      const sentAt = merged.samples[i] as number;
      const latency = merged.samples[i + 1] as number;
      latencies.push(latency);
      if (edit) {
        if (sentAt >= edit.at - 10_000 && sentAt < edit.at) before.push(latency);
        else if (sentAt >= edit.at && sentAt < edit.at + 10_000) after.push(latency);
      }
    }
    // where in the step the slow replies were: p99 per 10-second window of sending time
    const windows: number[][] = [];
    let first = Number.POSITIVE_INFINITY;
    for (let i = 0; i < merged.samples.length; i += 2) first = Math.min(first, merged.samples[i] as number);
    for (let i = 0; i < merged.samples.length; i += 2) {
      const index = Math.floor(((merged.samples[i] as number) - first) / 10_000);
      const window = windows[index] ?? [];
      window.push(merged.samples[i + 1] as number);
      windows[index] = window;
    }
    const timeline = Array.from(windows, (w) => (w ? percentile(w, 99) : Number.NaN));
    const perSecond: number[][] = [];
    for (let i = 0; i < merged.samples.length; i += 2) {
      const index = Math.floor(((merged.samples[i] as number) - first) / 1000);
      const second = perSecond[index] ?? [];
      second.push(merged.samples[i + 1] as number);
      perSecond[index] = second;
    }
    const seconds: StepResult['seconds'] = { total: 0, over100: 0, worst: null };
    perSecond.forEach((latencies, at) => {
      if (!latencies?.length) return;
      const p99 = percentile(latencies, 99);
      seconds.total++;
      if (p99 > 100) seconds.over100++;
      if (!seconds.worst || p99 > seconds.worst.p99) seconds.worst = { at, n: latencies.length, p99 };
    });
    const errors: Counts = { ...merged.ackErrors };
    if (agent) for (const [code, n] of Object.entries(agent.errors)) bump(errors, `agent ${code}`, n);
    this.connected = merged.held;
    return {
      step,
      held: merged.held + (agent?.connected ?? 0),
      sent: merged.sent,
      sentBot: merged.sentBot,
      answered: merged.answered,
      late: merged.late,
      lost: merged.lost + (agent?.lost ?? 0),
      handedOver: merged.handedOver,
      offeredPerS: merged.sent / step.duration,
      answeredPerS: merged.answered / step.duration,
      timeline,
      seconds,
      latency: {
        n: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        max: latencies.length ? latencies.reduce((a, b) => Math.max(a, b), 0) : Number.NaN,
      },
      agent: agent ?? {
        connected: 0,
        accepted: 0,
        resolved: 0,
        sent: 0,
        delivered: 0,
        lost: 0,
        ackTimeouts: 0,
        queuedLeft: 0,
        p50: Number.NaN,
        p99: Number.NaN,
      },
      errors,
      ackTimeouts: merged.ackTimeouts + (agent?.ackTimeouts ?? 0),
      replyTimeouts: merged.replyTimeouts,
      disconnects: merged.disconnects,
      lagP99: merged.lagP99,
      lagMax: merged.lagMax,
      flood: flooding ? await flooding : null,
      kb: edit
        ? {
            ...edit,
            p99Before: percentile(before, 99),
            p99After: percentile(after, 99),
            nBefore: before.length,
            nAfter: after.length,
          }
        : null,
      startAt,
      endAt,
    };
  }

  get connectedCustomers(): number {
    return this.connected;
  }

  /** Disconnects every client and ends the workers. */
  async close(): Promise<void> {
    this.agents?.close();
    await Promise.all(
      this.workers.map(async (handle) => {
        if (!handle.child.connected) return;
        await Promise.race([this.ask(handle, { type: 'close' }, 'closed'), sleep(10_000)]);
        if (handle.child.exitCode === null) handle.child.kill('SIGKILL');
      }),
    );
  }
}

/** Mid-run knowledge-base edit: an admin adds a phrasing to one FAQ entry; the bot retrains and swaps in. */
export interface FloodResult {
  sent: number;
  accepted: number;
  rateLimited: number;
  other: number;
  /** the server closed the flooding connection */
  disconnected: boolean;
}

/**
 * One visitor floods: from `startAt` to `endAt` it keeps 20 messages in flight on its one socket, each
 * answered by an ack. The server's per-connection token bucket should refuse most of them (`rate_limited`)
 * while everyone else's replies keep their latency.
 */
async function flood(url: string, startAt: number, endAt: number): Promise<FloodResult> {
  const result: FloodResult = { sent: 0, accepted: 0, rateLimited: 0, other: 0, disconnected: false };
  const response = await fetch(`${url}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: 'demo', locale: 'en' }),
  });
  const { visitorToken } = (await response.json()) as { visitorToken: string };
  const socket = io(`${url}/widget`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { visitorToken, protocol: 1 },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await sleep(Math.max(0, startAt - now()));
  const send = async (lane: number) => {
    for (let i = 0; now() < endAt && socket.connected; i++) {
      result.sent += 1;
      try {
        const ack = (await socket
          .timeout(10_000)
          .emitWithAck('message:send', { clientId: `flood-${lane}-${i}`, text: 'hello?' })) as {
          ok: boolean;
          error?: { code: string };
        };
        if (ack.ok) result.accepted += 1;
        else if (ack.error?.code === 'rate_limited') result.rateLimited += 1;
        else result.other += 1;
      } catch {
        result.other += 1;
      }
    }
  };
  socket.once('disconnect', () => {
    result.disconnected = true;
  });
  await Promise.all(Array.from({ length: 20 }, (_, lane) => send(lane)));
  socket.disconnect();
  return result;
}

async function editKnowledge(url: string): Promise<{ at: number; status: number; tookMs: number }> {
  let at = now();
  try {
    const cookie = await login(url, 'admin@tandem.demo');
    const list = await fetch(`${url}/api/admin/knowledge`, { headers: { cookie } });
    const { entries } = (await list.json()) as {
      entries: Array<{ id: string; questions: { zh: string[]; en: string[] } }>;
    };
    const entry = entries.find((e) => e.id === 'shipping.fee') ?? entries[0];
    if (!entry) return { at, status: 0, tookMs: now() - at };
    const body = {
      ...entry,
      questions: {
        ...entry.questions,
        en: [...entry.questions.en, `what is the postage to my town (${Date.now()})`],
      },
    };
    at = now();
    const res = await fetch(`${url}/api/admin/knowledge/${entry.id}`, {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    await res.text();
    return { at, status: res.status, tookMs: now() - at };
  } catch {
    return { at, status: 0, tookMs: now() - at };
  }
}

// ---- agents ----

interface Chat {
  lang: 'zh' | 'en';
  lines: number;
  replyQueued: boolean;
  resolving: boolean;
}

/** How many conversations one agent holds at once, and how fast one agent acts (≤ 2 events/s per socket). */
const MAX_CHATS = 5;
const AGENT_GAP_MS = 500;
const LINES_PER_CHAT = 3;

class AgentClient {
  readonly chats = new Map<string, Chat>();
  private readonly actions: Array<() => Promise<void>> = [];
  private busy = false;

  constructor(
    readonly pool: AgentPool,
    readonly index: number,
    readonly socket: Socket,
  ) {
    socket.on('conversation:updated', (row: AgentConversation) => pool.onRow(row));
    socket.on('message:new', (message: MessageView) => {
      const chat = this.chats.get(message.conversationId);
      if (!chat || message.author.kind !== 'customer' || !pool.running) return;
      if (chat.lines < LINES_PER_CHAT && !chat.replyQueued) {
        chat.replyQueued = true;
        this.enqueue(() => this.say(message.conversationId));
      }
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') bump(pool.errors, `disconnected (${reason})`);
    });
  }

  private enqueue(action: () => Promise<void>): void {
    this.actions.push(action);
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.actions.length > 0) {
      const action = this.actions.shift() as () => Promise<void>;
      const started = now();
      await action().catch(() => undefined);
      await sleep(Math.max(0, AGENT_GAP_MS - (now() - started)));
    }
    this.busy = false;
  }

  get idle(): boolean {
    return !this.busy && this.actions.length === 0;
  }

  private emit<T>(event: string, payload: unknown): Promise<Ack<T> | null> {
    return this.socket
      .timeout(this.pool.timeoutMs)
      .emitWithAck(event, payload)
      .then(
        (ack) => ack as Ack<T>,
        () => {
          this.pool.ackTimeouts++;
          return null;
        },
      );
  }

  accept(conversationId: string, lang: 'zh' | 'en'): void {
    this.chats.set(conversationId, { lang, lines: 0, replyQueued: true, resolving: false });
    this.enqueue(async () => {
      const ack = await this.emit<{ conversation: AgentConversation }>('conversation:accept', {
        conversationId,
      });
      this.pool.claimed.delete(conversationId);
      if (!ack?.ok) {
        this.chats.delete(conversationId);
        if (ack) bump(this.pool.errors, `accept ${ack.error.code}`);
        this.pool.dispatch();
        return;
      }
      this.pool.accepted++;
      this.pool.taken.add(conversationId);
      await this.say(conversationId);
    });
  }

  private async say(conversationId: string): Promise<void> {
    const chat = this.chats.get(conversationId);
    if (!chat || chat.resolving) return;
    chat.replyQueued = false;
    if (!this.pool.running) return;
    const text = AGENT_LINES[chat.lang][chat.lines % LINES_PER_CHAT] as string;
    chat.lines++;
    const clientId = `agent-${this.index}-${this.pool.counter++}-${Math.random().toString(36).slice(2, 8)}`;
    this.pool.sentAt.set(clientId, { at: now(), acked: false });
    this.pool.sent++;
    const ack = await this.emit<{ message: MessageView }>('message:send', { conversationId, clientId, text });
    const entry = this.pool.sentAt.get(clientId);
    if (ack?.ok) {
      if (entry) entry.acked = true;
    } else {
      this.pool.sentAt.delete(clientId);
      if (ack) bump(this.pool.errors, ack.error.code);
    }
    if (chat.lines >= LINES_PER_CHAT) this.resolve(conversationId);
  }

  resolve(conversationId: string): void {
    const chat = this.chats.get(conversationId);
    if (!chat || chat.resolving) return;
    chat.resolving = true;
    this.enqueue(async () => {
      const ack = await this.emit('conversation:resolve', { conversationId });
      this.chats.delete(conversationId);
      if (ack?.ok) this.pool.resolved++;
      else if (ack && ack.error.code !== 'invalid_transition')
        bump(this.pool.errors, `resolve ${ack.error.code}`);
      this.pool.dispatch();
    });
  }
}

class AgentPool {
  readonly agents: AgentClient[] = [];
  /** queued conversations not yet taken, oldest first */
  readonly queue = new Map<string, 'zh' | 'en'>();
  readonly claimed = new Set<string>();
  /** conversations an agent accepted: a late 'queued' row of one of them is stale */
  readonly taken = new Set<string>();
  readonly sentAt = new Map<string, { at: number; acked: boolean }>();
  readonly errors: Counts = {};
  latencies: number[] = [];
  running = false;
  counter = 0;
  accepted = 0;
  resolved = 0;
  sent = 0;
  delivered = 0;
  ackTimeouts = 0;

  private constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {}

  static async start(url: string, count: number, timeoutMs: number): Promise<AgentPool> {
    const pool = new AgentPool(url, timeoutMs);
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      // two demo agents exist; more simulated agents share their logins (one socket each, like more tabs)
      const cookie = cookies[i % 2] ?? (await login(url, `agent${(i % 2) + 1}@tandem.demo`));
      cookies[i % 2] = cookie;
      const socket = io(`${url}/agent`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: timeoutMs,
        extraHeaders: { cookie, origin: url },
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', (error) => reject(new Error(`agent socket: ${error.message}`)));
      });
      pool.agents.push(new AgentClient(pool, i, socket));
    }
    // conversations queued before the agents arrived
    const res = await fetch(`${url}/api/conversations?view=queued&limit=200`, {
      headers: { cookie: cookies[0] ?? '' },
    });
    if (res.ok) {
      const { conversations } = (await res.json()) as { conversations: AgentConversation[] };
      for (const row of conversations) pool.onRow(row);
    }
    return pool;
  }

  onRow(row: AgentConversation): void {
    if (row.status === 'queued' && !row.assignee) {
      if (this.claimed.has(row.id) || this.taken.has(row.id)) return;
      if (!this.queue.has(row.id)) this.queue.set(row.id, row.contact.lang ?? 'zh');
      this.dispatch();
      return;
    }
    this.queue.delete(row.id);
    if (row.status === 'resolved' || row.status === 'closed') {
      for (const agent of this.agents) agent.chats.delete(row.id);
    }
  }

  /** Hands queued conversations to the least busy agent with room. */
  dispatch(): void {
    if (!this.running) return;
    for (const [conversationId, lang] of this.queue) {
      if (this.claimed.has(conversationId)) continue;
      const agent = this.agents
        .filter((a) => a.chats.size < MAX_CHATS)
        .sort((a, b) => a.chats.size - b.chats.size)[0];
      if (!agent) return;
      this.queue.delete(conversationId);
      this.claimed.add(conversationId);
      agent.accept(conversationId, lang);
    }
  }

  /** A customer received an agent's line. */
  onDelivered(clientId: string, at: number): void {
    const entry = this.sentAt.get(clientId);
    if (!entry) return;
    this.sentAt.delete(clientId);
    this.latencies.push(at - entry.at);
    this.delivered++;
  }

  begin(): void {
    this.running = true;
    this.latencies = [];
    this.accepted = 0;
    this.resolved = 0;
    this.sent = 0;
    this.delivered = 0;
    this.ackTimeouts = 0;
    for (const key of Object.keys(this.errors)) delete this.errors[key];
    this.dispatch();
  }

  /** No new chats or lines; every open chat is resolved so the next step starts clean. */
  stop(): void {
    this.running = false;
    for (const agent of this.agents) for (const id of agent.chats.keys()) agent.resolve(id);
  }

  outstanding(): number {
    let n = 0;
    for (const entry of this.sentAt.values()) if (entry.acked) n++;
    return n + (this.agents.every((a) => a.idle) ? 0 : 1);
  }

  finish() {
    let lost = 0;
    for (const entry of this.sentAt.values()) if (entry.acked) lost++;
    this.sentAt.clear();
    return {
      connected: this.agents.filter((a) => a.socket.connected).length,
      accepted: this.accepted,
      resolved: this.resolved,
      sent: this.sent,
      delivered: this.delivered,
      lost,
      ackTimeouts: this.ackTimeouts,
      queuedLeft: this.queue.size,
      p50: percentile(this.latencies, 50),
      p99: percentile(this.latencies, 99),
      errors: { ...this.errors },
    };
  }

  close(): void {
    for (const agent of this.agents) agent.socket.disconnect();
  }
}

// =====================================================================================================
// Worker (a forked process holding a share of the customers)
// =====================================================================================================

interface Pending {
  clientId: string;
  sentAt: number;
  /** what should answer: the bot, a person (no bot reply expected), or a hand-over request */
  expect: 'bot' | 'human' | 'handoff';
  acked: boolean;
  ackTimedOut: boolean;
  replyTimedOut: boolean;
  conversationId: string | null;
  seq: number;
  id: string | null;
}

interface Customer {
  index: number;
  lang: 'zh' | 'en';
  socket: Socket;
  connected: boolean;
  /** conversation id → status, from `conversation:updated` */
  statuses: Map<string, WidgetConversation['status']>;
  current: WidgetConversation['status'] | null;
  pending: Pending[];
  /** bot messages that arrived before the message they answer was known (its echo or ack still on the way) */
  orphans: Array<{ message: MessageView; at: number }>;
  timer: NodeJS.Timeout | null;
  /** this customer's own random sequence (schedule, questions, hand-over requests) */
  random: () => number;
}

const WITH_PERSON = new Set(['queued', 'assigned']);

function runWorker(): void {
  const send = (message: FromWorker) => process.send?.(message);
  const customers: Customer[] = [];
  const busy = new Set<Customer>();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let options: GeneratorOptions;
  let arrivals: Array<[string, number]> = [];
  let stats = freshStats();
  let loading: { endAt: number; interval: number; handoffRate: number } | null = null;
  let progressTimer: NodeJS.Timeout | null = null;

  function freshStats() {
    return {
      sent: 0,
      sentBot: 0,
      answered: 0,
      late: 0,
      lost: 0,
      handedOver: 0,
      ackErrors: {} as Counts,
      ackTimeouts: 0,
      replyTimeouts: 0,
      disconnects: {} as Counts,
      samples: [] as number[],
    };
  }

  const settle = (c: Customer, p: Pending, at: number | null) => {
    const index = c.pending.indexOf(p);
    if (index < 0) return;
    c.pending.splice(index, 1);
    if (c.pending.length === 0 && c.orphans.length === 0) busy.delete(c);
    if (at === null || p.expect !== 'bot') return;
    stats.samples.push(p.sentAt, at - p.sentAt);
    if (p.replyTimedOut) stats.late++;
    else stats.answered++;
  };

  /** A bot message answers the customer message it names (clientId `bot-<message id>-n`) or, failing that, the oldest unanswered one before it. */
  const matchBot = (c: Customer, message: MessageView, at: number): boolean => {
    const named = /^bot-(.+)-\d+$/.exec(message.clientId ?? '')?.[1];
    let target: Pending | undefined;
    if (named) target = c.pending.find((p) => p.id === named);
    else
      target = c.pending.find(
        (p) => p.expect !== 'human' && p.conversationId === message.conversationId && p.seq < message.seq,
      );
    if (target) {
      settle(c, target, at);
      return true;
    }
    // the message it answers may not be known yet: keep it until its echo or ack arrives
    return !c.pending.some((p) => p.id === null && p.expect !== 'human');
  };

  const known = (c: Customer, p: Pending) => {
    if (p.expect === 'bot' && p.conversationId && WITH_PERSON.has(c.statuses.get(p.conversationId) ?? '')) {
      stats.handedOver++;
      settle(c, p, null);
    }
    if (c.orphans.length) c.orphans = c.orphans.filter((o) => !matchBot(c, o.message, o.at));
  };

  const learn = (c: Customer, p: Pending, message: MessageView) => {
    if (p.id !== null) return;
    p.id = message.id;
    p.conversationId = message.conversationId;
    p.seq = message.seq;
    known(c, p);
  };

  const onMessage = (c: Customer, message: MessageView) => {
    const at = now();
    switch (message.author.kind) {
      case 'customer': {
        const p = c.pending.find((x) => x.clientId === message.clientId);
        if (p) learn(c, p, message);
        return;
      }
      case 'agent':
        arrivals.push([message.clientId ?? message.id, at]);
        return;
      case 'bot':
        if (!matchBot(c, message, at)) {
          c.orphans.push({ message, at });
          busy.add(c);
        }
        return;
      default:
        return;
    }
  };

  const onConversation = (c: Customer, conversation: WidgetConversation) => {
    c.statuses.set(conversation.id, conversation.status);
    c.current = conversation.status;
    if (!WITH_PERSON.has(conversation.status)) return;
    for (const p of [...c.pending]) {
      if (p.expect === 'human' || p.conversationId !== conversation.id) continue;
      if (p.expect === 'bot') stats.handedOver++;
      settle(c, p, null);
    }
  };

  const sendMessage = (c: Customer) => {
    if (!loading || !c.connected) return;
    const withPerson = WITH_PERSON.has(c.current ?? '');
    const handoff = c.random() < loading.handoffRate && !withPerson;
    const p: Pending = {
      clientId: `c${c.index}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      sentAt: now(),
      expect: withPerson ? 'human' : handoff ? 'handoff' : 'bot',
      acked: false,
      ackTimedOut: false,
      replyTimedOut: false,
      conversationId: null,
      seq: 0,
      id: null,
    };
    const text = pick(handoff ? HANDOFF_WORDS[c.lang] : QUESTIONS[c.lang], c.random);
    c.pending.push(p);
    busy.add(c);
    stats.sent++;
    if (p.expect === 'bot') stats.sentBot++;
    c.socket
      .timeout(options.timeoutMs)
      .emit(
        'message:send',
        { clientId: p.clientId, text, lang: c.lang },
        (error: Error | null, ack: Ack<{ message: MessageView }>) => {
          if (!c.pending.includes(p)) return;
          if (error) {
            stats.ackTimeouts++;
            p.ackTimedOut = true;
            return;
          }
          if (!ack.ok) {
            bump(stats.ackErrors, ack.error.code);
            settle(c, p, null);
            return;
          }
          p.acked = true;
          if (p.expect === 'human') return settle(c, p, null);
          learn(c, p, ack.data.message);
        },
      );
  };

  const schedule = (c: Customer, at: number) => {
    c.timer = setTimeout(
      () => {
        c.timer = null;
        if (!loading || at >= loading.endAt) return;
        sendMessage(c);
        schedule(c, at + loading.interval * 1000 * (0.5 + c.random()));
      },
      Math.max(0, at - now()),
    );
  };

  /** Replies overdue count as timeouts (a late reply is still measured); stale orphans are dropped. */
  const sweep = () => {
    const t = now();
    for (const c of busy) {
      for (const p of c.pending) {
        if (p.expect === 'bot' && p.acked && !p.replyTimedOut && t - p.sentAt > options.timeoutMs) {
          p.replyTimedOut = true;
          stats.replyTimeouts++;
        }
      }
      if (c.orphans.length) c.orphans = c.orphans.filter((o) => t - o.at < options.timeoutMs);
      if (c.pending.length === 0 && c.orphans.length === 0) busy.delete(c);
    }
  };

  const outstanding = () => {
    let n = 0;
    for (const c of busy)
      for (const p of c.pending) if (!p.ackTimedOut && (p.expect === 'bot' || !p.acked)) n++;
    return n + (loading && now() < loading.endAt ? 1 : 0);
  };

  async function connectOne(index: number, sessionMs: number[], socketMs: number[], failed: Counts) {
    const lang = index % 2 === 0 ? 'zh' : 'en';
    const t0 = now();
    let token: string;
    try {
      const res = await fetch(`${options.url}/api/widget/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspace: 'demo', locale: lang }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = (await res.json().catch(() => null)) as {
        visitorToken?: string;
        error?: { code?: string };
      } | null;
      if (!res.ok || !body?.visitorToken) return bump(failed, `session ${body?.error?.code ?? res.status}`);
      token = body.visitorToken;
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      return bump(failed, `session ${e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message)}`);
    }
    const t1 = now();
    sessionMs.push(t1 - t0);
    const socket = io(`${options.url}/widget`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: options.timeoutMs,
      auth: { visitorToken: token, protocol: 1 },
    });
    const c: Customer = {
      index,
      lang,
      socket,
      connected: false,
      statuses: new Map(),
      current: null,
      pending: [],
      orphans: [],
      timer: null,
      random: seededRandom(index * 2654435761 + 1),
    };
    socket.on('message:new', (message: MessageView) => onMessage(c, message));
    socket.on('conversation:updated', (conversation: WidgetConversation) => onConversation(c, conversation));
    const ok = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
        bump(failed, `socket ${error.data?.code ?? error.message}`);
        resolve(false);
      });
    });
    if (!ok) return void socket.close();
    socketMs.push(now() - t1);
    c.connected = true;
    socket.on('disconnect', (reason) => {
      c.connected = false;
      if (reason !== 'io client disconnect') bump(stats.disconnects, reason);
    });
    customers.push(c);
  }

  async function connectAll(indices: number[], rate: number | 'burst') {
    const sessionMs: number[] = [];
    const socketMs: number[] = [];
    const failed: Counts = {};
    lag.reset();
    lag.enable();
    if (rate === 'burst') {
      let next = 0;
      const lane = async () => {
        while (next < indices.length)
          await connectOne(indices[next++] as number, sessionMs, socketMs, failed);
      };
      await Promise.all(Array.from({ length: Math.min(options.burstConcurrency, indices.length) }, lane));
    } else {
      const started = now();
      const inFlight: Array<Promise<void>> = [];
      for (let i = 0; i < indices.length; i++) {
        await sleep(Math.max(0, started + (i / rate) * 1000 - now()));
        inFlight.push(connectOne(indices[i] as number, sessionMs, socketMs, failed));
      }
      await Promise.all(inFlight);
    }
    lag.disable();
    customers.sort((a, b) => a.index - b.index);
    send({
      type: 'connected',
      connected: customers.length,
      failed,
      sessionMs,
      socketMs,
      lagP99: lagMs(lag, 99),
    });
  }

  process.on('disconnect', () => process.exit(0));
  process.on('message', (command: ToWorker) => {
    switch (command.type) {
      case 'connect':
        options = command.options;
        void connectAll(command.indices, command.rate);
        return;
      case 'load': {
        stats = freshStats();
        arrivals = [];
        loading = { endAt: command.endAt, interval: command.interval, handoffRate: command.handoffRate };
        lag.reset();
        lag.enable();
        for (const c of customers) {
          if (c.index < command.activeBelow && c.connected)
            schedule(c, command.startAt + c.random() * command.interval * 1000);
        }
        progressTimer = setInterval(() => {
          sweep();
          send({ type: 'progress', arrivals, outstanding: outstanding() });
          arrivals = [];
        }, 200);
        return;
      }
      case 'finish': {
        if (progressTimer) clearInterval(progressTimer);
        sweep();
        lag.disable();
        send({ type: 'progress', arrivals, outstanding: 0 });
        arrivals = [];
        for (const c of customers) {
          if (c.timer) clearTimeout(c.timer);
          c.timer = null;
          for (const p of c.pending) if (p.expect === 'bot' && p.acked) stats.lost++;
          c.pending = [];
          c.orphans = [];
        }
        busy.clear();
        loading = null;
        const result: WorkerLoadResult = {
          ...stats,
          held: customers.filter((c) => c.connected).length,
          lagP99: lagMs(lag, 99),
          lagMax: lag.count === 0 ? 0 : lag.max / 1e6,
        };
        send({ type: 'loaded', result });
        return;
      }
      case 'close':
        for (const c of customers) c.socket.disconnect();
        send({ type: 'closed' });
        setTimeout(() => process.exit(0), 200);
        return;
    }
  });
}

if (process.env.TANDEM_LOAD_WORKER === '1' && process.send) runWorker();
