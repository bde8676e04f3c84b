/**
 * Load benchmark: starts Tandem (PGlite and/or PostgreSQL) and then the bare Socket.IO echo server, drives the
 * same scenario against each with generator.ts, samples the server's CPU and memory, and prints one markdown
 * table per mode. `npm run bench:load -- --quick` for a smoke run; README.md describes flags and columns.
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MessageView } from '@tandem/protocol';
import pg from 'pg';
import { io } from 'socket.io-client';
import { type ConnectSummary, Generator, LOOPBACK, type LoadStep, type StepResult } from './generator.ts';
import { formatCounts, markdownTable, mb, ms, now, num, sleep, total } from './stats.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const TSX = import.meta.resolve('tsx');

// ---- flags ----
type Mode = 'pglite' | 'postgres' | 'echo';
interface Flags {
  modes: Mode[];
  customers: number;
  active: number;
  interval: number;
  duration: number;
  agents: number;
  arrival: 'burst' | number;
  workers: number;
  handoff: number;
  timeoutS: number;
  kbEdit: boolean;
  /** one visitor floods messages during the load (and the server keeps its default socket limits) */
  flood: boolean;
  saturate: boolean;
  steps: number[];
  echo: boolean;
  url: string | null;
  pid: number | null;
  /** auto, dist, source, or the path of a compiled main.js (e.g. one built with `--outdir dist/<name>`) */
  server: string;
  /** extra arguments for node before the server's entry (V8 flags, `--inspect=127.0.0.1:9229`) */
  nodeArgs: string[];
  /** seconds the server is kept after every client left (to inspect it), before it is stopped */
  holdS: number;
}

function parseFlags(argv: string[]): Flags {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const key = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const next = argv[i + 1];
    if (inline !== undefined) given.set(key, inline);
    else if (next !== undefined && !next.startsWith('--')) given.set(key, argv[++i] as string);
    else given.set(key, 'true');
  }
  const known = [
    'mode',
    'customers',
    'active',
    'interval',
    'duration',
    'agents',
    'arrival',
    'workers',
    'handoff',
    'timeout',
    'kb-edit',
    'flood',
    'quick',
    'saturate',
    'steps',
    'no-echo',
    'url',
    'pid',
    'server',
    'node-args',
    'hold',
    'help',
  ];
  for (const key of given.keys())
    if (!known.includes(key)) throw new Error(`unknown flag --${key} (see --help)`);
  if (given.has('help')) {
    process.stdout.write(readFileSync(join(ROOT, 'bench/load/README.md'), 'utf8'));
    process.exit(0);
  }
  const quick = given.has('quick');
  const number = (key: string, fallback: number, min: number, max: number) => {
    const raw = given.get(key);
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < min || value > max)
      throw new Error(`--${key} must be a number from ${min} to ${max}`);
    return value;
  };
  const mode = given.get('mode') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(mode)) throw new Error('--mode is pglite, postgres or both');
  const customers = Math.round(number('customers', quick ? 200 : 10_000, 1, 20_000));
  const arrivalRaw = given.get('arrival') ?? 'burst';
  const arrival = arrivalRaw === 'burst' ? 'burst' : number('arrival', 0, 1, 10_000);
  const interval = number('interval', quick ? 2 : 10, 0.05, 3600);
  const saturate = given.has('saturate');
  const steps = given.has('steps')
    ? (given.get('steps') as string).split(',').map((s) => {
        const v = Number(s);
        if (!Number.isFinite(v) || v < 0.05)
          throw new Error('--steps is a list of intervals in seconds, e.g. 10,5,2,1');
        return v;
      })
    : quick
      ? [interval, interval / 2, interval / 5, interval / 10]
      : [10, 5, 2, 1];
  const server = given.get('server') ?? 'auto';
  if (!['auto', 'dist', 'source'].includes(server) && !server.endsWith('.js'))
    throw new Error('--server is auto, dist, source or the path of a compiled main.js');
  const url = given.get('url') ?? null;
  if (url && !LOOPBACK.has(new URL(url).hostname)) throw new Error('--url must be a loopback address');
  return {
    modes: url ? ['pglite'] : mode === 'both' ? ['pglite', 'postgres'] : [mode as Mode],
    customers,
    active: Math.min(customers, Math.round(number('active', quick ? 50 : 2000, 0, 20_000))),
    interval,
    duration: number('duration', quick ? 15 : 60, 1, 600),
    agents: Math.round(number('agents', 2, 0, 20)),
    arrival,
    workers: Math.round(number('workers', 1, 1, 8)),
    handoff: number('handoff', 0.02, 0, 1),
    timeoutS: number('timeout', 10, 1, 60),
    kbEdit: given.has('kb-edit'),
    flood: given.has('flood'),
    saturate,
    steps,
    echo: !given.has('no-echo') && !url,
    url,
    pid: given.has('pid') ? number('pid', 0, 1, 2 ** 22) : null,
    server,
    nodeArgs: (given.get('node-args') ?? '').split(' ').filter(Boolean),
    holdS: number('hold', 0, 0, 3600),
  };
}

// ---- the process under test ----
interface Target {
  mode: Mode;
  label: string;
  command: string;
  url: string;
  pid: number | null;
  readyS: number;
  logWarnings: () => number;
  /** the first warning and error lines the server logged (at most 10), printed when the mode's run ends */
  logWarningLines: () => string[];
  logTail: () => string;
  stop: () => Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
async function cleanupAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

async function startTarget(mode: Mode, flags: Flags): Promise<Target> {
  const started = now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  let args: string[];
  let label: string;
  let teardown = async () => {};
  if (mode === 'echo') {
    args = ['--import', TSX, join(ROOT, 'bench/load/echo.ts'), '--port', String(port)];
    label = 'echo (bare Socket.IO)';
  } else {
    const path = flags.server.endsWith('.js') ? flags.server : 'dist/server/main.js';
    const built = resolve(ROOT, path);
    // node itself (not npx/tsx's CLI, which run the server in a grandchild), so /proc/<pid> is the server
    const useBuilt = flags.server !== 'source' && (flags.server !== 'auto' || existsSync(built));
    if (useBuilt && !existsSync(built)) throw new Error(`--server: no ${path} (npm run build:server)`);
    args = [
      ...flags.nodeArgs,
      ...(useBuilt ? [built] : ['--import', TSX, join(ROOT, 'apps/server/src/main.ts')]),
    ];
    Object.assign(env, {
      // as `npm start` runs it (package.json): fewer glibc malloc arenas (docs/configuration.md, "Memory")
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_SESSIONS_PER_MINUTE: '1000000',
      // the per-connection limits stay at their defaults when a flood is to be refused by them
      ...(flags.flood ? {} : { SOCKET_EVENTS_PER_SECOND: '1000', SOCKET_EVENT_BURST: '2000' }),
    });
    if (mode === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-'));
      env.DATA_DIR = dir;
      delete env.DATABASE_URL;
      teardown = async () => rmSync(dir, { recursive: true, force: true });
      label = 'Tandem (PGlite)';
    } else {
      const admin = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
      if (!LOOPBACK.has(new URL(admin).hostname)) throw new Error('BENCH_POSTGRES_URL must be on loopback');
      const name = `tandem_bench_${randomBytes(4).toString('hex')}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const dbUrl = new URL(admin);
      dbUrl.pathname = `/${name}`;
      env.DATABASE_URL = dbUrl.toString();
      teardown = async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
      label = 'Tandem (PostgreSQL)';
    }
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  let warnings = 0;
  const warningLines: string[] = [];
  // one collector per stream: each keeps the line its last chunk ended in the middle of
  const collector = () => {
    let partial = '';
    return (chunk: Buffer) =>
      collect(partial, chunk, (rest) => {
        partial = rest;
      });
  };
  const collect = (partial: string, chunk: Buffer, keep: (rest: string) => void) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    keep(lines.pop() ?? '');
    for (const line of lines) {
      if (!line.trim()) continue;
      if (/"level":(4|5|6)0/.test(line)) {
        warnings++;
        if (warningLines.length < 10) warningLines.push(line.slice(0, 1000));
      }
      tail.push(line.slice(0, 400));
      if (tail.length > 30) tail.shift();
    }
  };
  child.stdout?.on('data', collector());
  child.stderr?.on('data', collector());
  const stop = async () => {
    await stopChild(child);
    await teardown();
  };
  cleanups.push(stop);
  const target: Target = {
    mode,
    label,
    command: `node ${args.map((a) => (a === TSX ? 'tsx' : a.replace(`${ROOT}/`, ''))).join(' ')}`,
    url,
    pid: child.pid ?? null,
    readyS: 0,
    logWarnings: () => warnings,
    logWarningLines: () => warningLines,
    logTail: () => tail.join('\n'),
    stop,
  };
  await waitReady(target, () => child.exitCode !== null);
  target.readyS = (now() - started) / 1000;
  return target;
}

/** Listening (GET /healthz) and the bot trained: one test question gets a bot answer. */
async function waitReady(target: Target, exited: () => boolean): Promise<void> {
  const deadline = now() + 300_000;
  const check = () => {
    if (exited()) throw new Error(`${target.label} exited during start:\n${target.logTail()}`);
    if (now() > deadline) throw new Error(`${target.label} not ready after 300 s:\n${target.logTail()}`);
  };
  for (;;) {
    check();
    const ok = await fetch(`${target.url}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(250);
  }
  const res = await fetch(`${target.url}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workspace: 'demo', locale: 'zh' }),
  });
  if (!res.ok) throw new Error(`${target.label}: widget session failed with ${res.status}`);
  const { visitorToken } = (await res.json()) as { visitorToken: string };
  const socket = io(`${target.url}/widget`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { visitorToken, protocol: 1 },
  });
  try {
    let answered = false;
    socket.on('message:new', (m: MessageView) => {
      if (m.author.kind === 'bot') answered = true;
    });
    let sent = 0;
    let lastSent = 0;
    while (!answered) {
      check();
      // a question every 15 s until one is answered (the first waits for training)
      if (socket.connected && now() - lastSent > 15_000) {
        lastSent = now();
        socket.emit('message:send', {
          clientId: `probe-${Date.now()}-${sent++}`,
          text: '运费多少钱',
          lang: 'zh',
        });
      }
      await sleep(100);
    }
  } finally {
    socket.disconnect();
  }
}

// ---- CPU and memory of the server process, once a second ----
const CLK_TCK = (() => {
  try {
    return Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Sample {
  at: number;
  cpu: number;
  rssKb: number;
  machineBusy: number;
}

function readProc(pid: number): { ticks: number; rssKb: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return { ticks, rssKb };
  } catch {
    return null;
  }
}

function readMachine(): { busy: number; all: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] as string;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const all = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: all - idle, all };
}

class Sampler {
  readonly samples: Sample[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(readonly pid: number) {
    let last = readProc(pid);
    let lastAt = now();
    let lastMachine = readMachine();
    this.timer = setInterval(() => {
      const current = readProc(pid);
      const at = now();
      const machine = readMachine();
      if (current && last) {
        this.samples.push({
          at,
          cpu: ((current.ticks - last.ticks) / CLK_TCK / ((at - lastAt) / 1000)) * 100,
          rssKb: current.rssKb,
          machineBusy: ((machine.busy - lastMachine.busy) / Math.max(1, machine.all - lastMachine.all)) * 100,
        });
      }
      last = current;
      lastAt = at;
      lastMachine = machine;
    }, 1000);
  }

  rssNow(): number {
    return readProc(this.pid)?.rssKb ?? Number.NaN;
  }

  between(from: number, to: number): Sample[] {
    return this.samples.filter((s) => s.at > from && s.at <= to + 500);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// ---- one mode ----
interface ModeResult {
  target: { label: string; command: string; readyS: number; warnings: number };
  connect: ConnectSummary;
  steps: Array<StepResult & { cpuAvg: number; cpuMax: number; machineAvg: number }>;
  rssIdleKb: number;
  /** every customer connected, before the load */
  rssConnectedKb: number;
  rssPeakKb: number;
  rssAfterKb: number;
  rssLeftKb: number;
}

const sustainable = (r: StepResult, p99Ms: number) =>
  r.latency.p99 < p99Ms &&
  r.lost === 0 &&
  r.ackTimeouts === 0 &&
  r.replyTimeouts === 0 &&
  total(r.errors) === 0;

async function runMode(mode: Mode, flags: Flags): Promise<ModeResult> {
  const log = (text: string) => process.stderr.write(`[${mode}] ${text}\n`);
  let target: Target;
  if (flags.url) {
    target = {
      mode,
      label: `server at ${flags.url}`,
      command: '(already running)',
      url: flags.url,
      pid: flags.pid,
      readyS: 0,
      logWarnings: () => Number.NaN,
      logWarningLines: () => [],
      logTail: () => '',
      stop: async () => {},
    };
    await waitReady(target, () => false);
  } else {
    log('starting the server…');
    target = await startTarget(mode, flags);
    log(`ready after ${target.readyS.toFixed(1)} s (${target.command}, pid ${target.pid})`);
  }
  const sampler = target.pid ? new Sampler(target.pid) : null;
  const generator = await Generator.start({
    url: target.url,
    customers: flags.customers,
    arrival: flags.arrival,
    workers: flags.workers,
    burstConcurrency: 100,
    timeoutMs: flags.timeoutS * 1000,
  });
  cleanups.push(() => generator.close());
  try {
    await sleep(2000);
    const rssIdleKb = sampler?.rssNow() ?? Number.NaN;
    log(
      `connecting ${flags.customers} customers (${flags.arrival === 'burst' ? 'burst' : `${flags.arrival}/s`})…`,
    );
    const connect = await generator.connect();
    log(
      `${connect.connected} connected in ${connect.elapsedS.toFixed(1)} s${total(connect.failed) ? `; failed: ${formatCounts(connect.failed)}` : ''}`,
    );
    if (mode !== 'echo') await generator.startAgents(flags.agents);
    const rssConnectedKb = sampler?.rssNow() ?? Number.NaN;
    const intervals = flags.saturate ? flags.steps : [flags.interval];
    const steps: ModeResult['steps'] = [];
    let lastEnd = 0;
    for (const interval of intervals) {
      const step: LoadStep = {
        active: flags.active,
        interval,
        duration: flags.duration,
        handoffRate: flags.handoff,
        kbEdit: flags.kbEdit && mode !== 'echo' && !flags.saturate,
        flood: flags.flood && mode !== 'echo',
      };
      log(`load: ${flags.active} active, a message every ${interval} s each, for ${flags.duration} s…`);
      const result = await generator.run(step);
      lastEnd = result.endAt;
      const window = sampler?.between(result.startAt, result.endAt) ?? [];
      const cpu = window.map((s) => s.cpu);
      steps.push({
        ...result,
        cpuAvg: cpu.length ? cpu.reduce((a, b) => a + b, 0) / cpu.length : Number.NaN,
        cpuMax: cpu.length ? Math.max(...cpu) : Number.NaN,
        machineAvg: window.length
          ? window.reduce((a, s) => a + s.machineBusy, 0) / window.length
          : Number.NaN,
      });
      log(
        `offered ${num(result.offeredPerS)}/s, answered ${num(result.answeredPerS)}/s, p99 ${ms(result.latency.p99)}, lost ${result.lost}`,
      );
      if (flags.saturate && !sustainable(result, 250)) break;
      if (flags.saturate) await sleep(3000);
    }
    // memory 10 s after the load ended, connections still held; then after every client has left
    await sleep(Math.max(0, lastEnd + 10_000 - now()));
    const rssAfterKb = sampler?.rssNow() ?? Number.NaN;
    await generator.close();
    await sleep(5000);
    const rssLeftKb = sampler?.rssNow() ?? Number.NaN;
    if (flags.holdS > 0) {
      log(`clients gone (RSS ${mb(rssLeftKb)}); holding the server for ${flags.holdS} s…`);
      await sleep(flags.holdS * 1000);
      log(`RSS after the hold: ${mb(sampler?.rssNow() ?? Number.NaN)}`);
    }
    sampler?.stop();
    const rss = (sampler?.samples ?? []).map((s) => s.rssKb);
    return {
      target: {
        label: target.label,
        command: target.command,
        readyS: target.readyS,
        warnings: target.logWarnings(),
      },
      connect,
      steps,
      rssIdleKb,
      rssConnectedKb,
      rssPeakKb: rss.length ? Math.max(...rss, rssAfterKb) : Number.NaN,
      rssAfterKb,
      rssLeftKb,
    };
  } finally {
    sampler?.stop();
    await generator.close();
    await target.stop();
    // also when the run failed or the server crashed, when they matter most
    for (const line of target.logWarningLines()) log(`server logged: ${line}`);
  }
}

// ---- output ----
/** Above this, the generator's own delay is a visible part of the measured latencies. */
const LAG_LIMIT_MS = 50;

function modeTable(result: ModeResult, flags: Flags, echo: ModeResult | null): string {
  const step = result.steps[0] as ModeResult['steps'][number];
  const c = result.connect;
  const echoStep = echo?.steps[0];
  const rows: string[][] = [
    [
      'server',
      `${result.target.command}${result.target.readyS ? ` (ready${result === echo ? '' : ', bot trained,'} after ${num(result.target.readyS)} s)` : ''}`,
    ],
    [
      'connections held',
      `${step.held - step.agent.connected} of ${flags.customers} customers${step.agent.connected ? ` + ${step.agent.connected} agents` : ''}`,
    ],
    [
      'connect phase',
      `${num(c.elapsedS)} s; session p50/p99 ${ms(c.sessionP50)} / ${ms(c.sessionP99)}; socket p50/p99 ${ms(c.socketP50)} / ${ms(c.socketP99)}; failed: ${formatCounts(c.failed)}`,
    ],
    [
      'messages/s offered / answered',
      `${num(step.offeredPerS)} / ${num(step.answeredPerS)} (${step.sent} sent, ${step.sentBot} for the bot, ${step.answered} answered within ${flags.timeoutS} s)`,
    ],
    [
      'bot reply p50 / p95 / p99 / max',
      `${ms(step.latency.p50)} / ${ms(step.latency.p95)} / ${ms(step.latency.p99)} / ${ms(step.latency.max)} (n = ${step.latency.n})`,
    ],
    ['bot reply p99 per 10 s of the step', step.timeline.map((p99) => ms(p99)).join(' · ')],
    [
      'bot reply p99 by second of sending: over 100 ms / worst',
      `${step.seconds.over100} of ${step.seconds.total} s / ${
        step.seconds.worst
          ? `${ms(step.seconds.worst.p99)} (second ${step.seconds.worst.at}, n = ${step.seconds.worst.n})`
          : '–'
      }`,
    ],
    [
      'agent delivery p50 / p99',
      step.agent.connected
        ? `${ms(step.agent.p50)} / ${ms(step.agent.p99)} (${step.agent.delivered} of ${step.agent.sent} lines; chats: ${step.agent.accepted} accepted, ${step.agent.resolved} resolved, ${step.agent.queuedLeft} left in the queue)`
        : '–',
    ],
    ['errors by code', formatCounts(step.errors)],
    [
      'timeouts',
      `ack ${step.ackTimeouts}, bot reply ${step.replyTimeouts} (of which answered late ${step.late})`,
    ],
    ['lost', String(step.lost)],
    ['handed to a person before the bot answered', String(step.handedOver)],
    ['unexpected disconnects', formatCounts(step.disconnects)],
    [
      'server CPU % of one core avg / max',
      `${num(step.cpuAvg, 0)} / ${num(step.cpuMax, 0)} (machine: ${num(step.machineAvg, 0)}% of all cores busy)`,
    ],
    [
      'server RSS idle / all connected / peak / after load / clients gone',
      `${mb(result.rssIdleKb)} / ${mb(result.rssConnectedKb)} / ${mb(result.rssPeakKb)} / ${mb(result.rssAfterKb)} / ${mb(result.rssLeftKb)}`,
    ],
    [
      'generator event-loop lag p99 / max',
      `${ms(step.lagP99)} / ${ms(step.lagMax)}${step.lagP99 > LAG_LIMIT_MS ? ' — **generator saturated: the latencies above are not trustworthy** (try --workers 2)' : ''}`,
    ],
  ];
  if (step.flood)
    rows.push([
      'one visitor flooding (20 in flight)',
      `${step.flood.sent} sent: ${step.flood.accepted} accepted, ${step.flood.rateLimited} refused rate_limited, ${step.flood.other} other${step.flood.disconnected ? '; then disconnected by the server' : ''}`,
    ]);
  if (step.kb)
    rows.push([
      'knowledge edit (PUT) → bot reply p99',
      `HTTP ${step.kb.status} in ${ms(step.kb.tookMs)}; messages sent in the 10 s before: p99 ${ms(step.kb.p99Before)} (n = ${step.kb.nBefore}); in the 10 s after: p99 ${ms(step.kb.p99After)} (n = ${step.kb.nAfter})`,
    ]);
  if (result.target.warnings > 0)
    rows.push(['server warnings/errors logged', String(result.target.warnings)]);
  if (echoStep && result !== echo)
    rows.push([
      'answered/s vs echo',
      `${num(step.answeredPerS / echoStep.answeredPerS, 2)}× (share of messages owed a bot answer that got one in time: ${num(step.answered / step.sentBot / (echoStep.answered / echoStep.sentBot), 2)}× the echo's)`,
    ]);
  return markdownTable(['metric', result.target.label], rows);
}

function saturateTable(result: ModeResult, flags: Flags, echo: ModeResult | null): string {
  const rows = result.steps.map((s) => [
    `${s.step.interval} s`,
    num(s.offeredPerS),
    num(s.answeredPerS),
    ms(s.latency.p50),
    ms(s.latency.p99),
    ms(s.latency.max),
    String(s.lost),
    `${s.ackTimeouts} / ${s.replyTimeouts}`,
    formatCounts(s.errors),
    `${num(s.cpuAvg, 0)} / ${num(s.cpuMax, 0)}`,
    ms(s.lagP99),
    sustainable(s, 250) ? 'yes' : 'no',
  ]);
  const best = (r: ModeResult) =>
    r.steps
      .filter((s) => sustainable(s, 250))
      .reduce<StepResult | null>((m, s) => (m && m.offeredPerS >= s.offeredPerS ? m : s), null);
  const mine = best(result);
  const theirs = echo && result !== echo ? best(echo) : null;
  let summary = mine
    ? `Highest rate held with p99 < 250 ms and nothing lost, timed out or refused: **${num(mine.offeredPerS)} messages/s offered, ${num(mine.answeredPerS)} answered/s**`
    : 'No step met the bar (p99 < 250 ms, nothing lost, timed out or refused); try slower `--steps`';
  if (mine && theirs) summary += ` (${num(mine.answeredPerS / theirs.answeredPerS, 2)}× the echo's best)`;
  if (mine && mine === result.steps.at(-1) && result.steps.length === flags.steps.length)
    summary += '; every step passed, so the ceiling is higher than the last step';
  return `${markdownTable(
    [
      'interval',
      'offered/s',
      'answered/s',
      'p50',
      'p99',
      'max',
      'lost',
      'timeouts ack / reply',
      'errors',
      'server CPU % avg / max',
      'gen. lag p99',
      'ok',
    ],
    rows,
  )}\n\n${summary}`;
}

function checkFdLimit(flags: Flags): void {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const soft = /Max open files\s+(\d+|unlimited)/.exec(limits)?.[1];
  const need = flags.customers + flags.agents + 1024;
  if (soft && soft !== 'unlimited' && Number(soft) < need) {
    process.stderr.write(
      `warning: open-file limit is ${soft}, below the ~${need} this run needs (the server and the generator each hold every connection); run \`ulimit -n 65536\` in this shell first\n`,
    );
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  checkFdLimit(flags);
  const modes: Mode[] = [...flags.modes, ...(flags.echo ? (['echo'] as Mode[]) : [])];
  // bounded: a run that overstays its budget is stopped and everything it started is ended
  const perMode =
    360 +
    flags.customers * 0.1 +
    (flags.saturate ? flags.steps.length : 1) * (flags.duration + flags.timeoutS + 20) +
    30;
  const watchdog = setTimeout(
    () => {
      process.stderr.write('load benchmark overran its time budget; stopping\n');
      void cleanupAll().then(() => process.exit(3));
    },
    modes.length * perMode * 1000,
  );
  watchdog.unref();
  const results: Array<[Mode, ModeResult]> = [];
  for (const mode of modes) results.push([mode, await runMode(mode, flags)]);
  clearTimeout(watchdog);
  const echo = results.find(([m]) => m === 'echo')?.[1] ?? null;
  const lines = [
    `## Load: ${flags.customers} customers (${flags.arrival === 'burst' ? 'burst' : `${flags.arrival}/s`}), ${flags.active} active, ${flags.saturate ? `intervals ${flags.steps.join(', ')} s` : `a message every ${flags.interval} s`}, ${flags.duration} s, ${flags.agents} agents, ${flags.handoff * 100}% ask for a person${flags.kbEdit ? ', knowledge edit mid-run' : ''}`,
    '',
  ];
  for (const [, result] of results) {
    if (flags.saturate) lines.push(`### ${result.target.label}`, '', saturateTable(result, flags, echo), '');
    else lines.push(modeTable(result, flags, echo), '');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void cleanupAll().then(() => process.exit(130));
  });
}

main()
  .then(
    () => 0,
    (error: unknown) => {
      process.stderr.write(
        `load benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    },
  )
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  });
