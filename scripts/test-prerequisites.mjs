#!/usr/bin/env node
// Runs first in `npm test`: makes sure what the tests need is on this machine (see DEVELOPERS.md).
//   - Debian's Chromium (/usr/bin/chromium) and the CJK and emoji fonts its screenshots use;
//   - PostgreSQL answering at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
//     with that database created if the server runs without it;
//   - Redis answering PING at 127.0.0.1:6379.
// As root it installs (apt-get) and starts what is missing; otherwise it prints, for each problem, one
// sentence with the command to run, and exits 1. Silent and well under a second when all is present.
// Environment:
//   SKIP_TEST_PREREQUISITES=1   skip every check (e.g. a machine where you provide things another way).
//   TEST_PREREQUISITES_PRETEND_MISSING=chromium,fonts-wqy-microhei,postgres,redis,...
//                               testing aid for this script only: the first check treats these as missing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { connect } from 'node:net';

if (process.env.SKIP_TEST_PREREQUISITES === '1') process.exit(0);

const NAME = 'test-prerequisites';
const CHROMIUM = '/usr/bin/chromium';
const FONTS = ['fonts-wqy-microhei', 'fonts-noto-color-emoji'];
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = { host: '127.0.0.1', port: 6379 };
const START_TIMEOUT_MS = 30_000;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const pretend = new Set(
  (process.env.TEST_PREREQUISITES_PRETEND_MISSING ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const dbUrl = new URL(DATABASE_URL);
const dbHost = dbUrl.hostname || '127.0.0.1';
const dbPort = Number(dbUrl.port || 5432);
const dbName = decodeURIComponent(dbUrl.pathname.slice(1)) || 'postgres';
// Only the local cluster on the default port is ours to start.
const dbIsOurs = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(dbHost) && dbPort === 5432;

const log = (line) => console.log(`${NAME}: ${line}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------- checks (each resolves to null when fine, or a short reason) ----------

/** Debian packages (or /usr/bin/chromium) that are missing. */
function missingPackages() {
  const missing = [];
  try {
    if (pretend.has('chromium')) throw new Error('pretend');
    accessSync(CHROMIUM, constants.X_OK);
  } catch {
    missing.push('chromium');
  }
  for (const pkg of FONTS) {
    if (pretend.has(pkg)) {
      missing.push(pkg);
      continue;
    }
    const r = spawnSync('dpkg', ['-s', pkg], { encoding: 'utf8' });
    if (r.error?.code === 'ENOENT') continue; // not Debian: cannot tell, the fonts only affect screenshots
    if (r.status !== 0 || !/^Status: install ok installed$/m.test(r.stdout)) missing.push(pkg);
  }
  return missing;
}

/** Resolves true if something accepts a TCP connection at host:port within timeoutMs. */
function tcpOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Runs a query on `database` of the test server; returns null, or the pg error. */
async function pgQuery(database, sql) {
  const { default: pg } = await import('pg');
  const url = new URL(DATABASE_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  const client = new pg.Client({
    connectionString: url.toString(),
    connectionTimeoutMillis: 5000,
    query_timeout: 5000,
  });
  try {
    await client.connect();
    await client.query(sql);
    return null;
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
}

/** null when PostgreSQL answers a query on the test database; 'down', 'nodb' or an error message otherwise. */
async function checkPostgres({ usePretend }) {
  if (usePretend && pretend.has('postgres')) return 'down';
  if (!(await tcpOpen(dbHost, dbPort))) return 'down';
  const error = await pgQuery(dbName, 'SELECT 1');
  if (!error) return null;
  if (error.code === '3D000') return 'nodb'; // invalid_catalog_name: the database does not exist
  if (error.code === '57P03') return 'down'; // cannot_connect_now: still starting up
  return error.message;
}

/** null when Redis answers PING with +PONG, else a reason. */
function checkRedis({ usePretend }) {
  if (usePretend && pretend.has('redis')) return Promise.resolve('down');
  return new Promise((resolve) => {
    const socket = connect(REDIS);
    let reply = '';
    const done = (reason) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setTimeout(2000, () => done('down'));
    socket.once('error', () => done('down'));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') ? null : `answered ${reply.trim()}`);
    });
    socket.once('end', () => done('down'));
  });
}

// ---------- fixes ----------

/** Runs a command quietly; returns null on success, else the end of its output. */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.status === 0) return null;
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim();
  return output.split('\n').slice(-15).join('\n') || `${command} exited with ${r.status}`;
}

async function waitFor(check) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let reason = await check();
  while (reason && Date.now() < deadline) {
    await sleep(500);
    reason = await check();
  }
  return reason;
}

function postgresVersion() {
  try {
    return readdirSync('/etc/postgresql').sort()[0] ?? null;
  } catch {
    return null;
  }
}

async function createDatabase() {
  const quoted = `"${dbName.replaceAll('"', '""')}"`;
  const error = await pgQuery('postgres', `CREATE DATABASE ${quoted}`);
  if (error && error.code !== '42P04') return error.message; // 42P04: created meanwhile by someone else
  log(`created database ${dbName}`);
  return null;
}

// ---------- main ----------

const problems = []; // one sentence each, for a non-root user (or a fix that failed)
const [packages, pgState, redisState] = await Promise.all([
  missingPackages(),
  checkPostgres({ usePretend: true }),
  checkRedis({ usePretend: true }),
]);

if (packages.length > 0) {
  const install = `apt-get install -y ${packages.join(' ')}`;
  if (!isRoot) {
    problems.push(`Missing ${packages.join(', ')} for the browser test: run \`sudo ${install}\`.`);
  } else {
    log(`installing ${packages.join(' ')} (apt-get, may take a minute)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = ['-o', 'DPkg::Lock::Timeout=120'];
    const failure =
      run('apt-get', [...apt, 'update', '-qq'], { env }) ??
      run('apt-get', [...apt, 'install', '-y', '-qq', ...packages], { env });
    if (failure) console.error(failure);
    if (failure || missingPackages().filter((p) => !pretend.has(p)).length > 0) {
      problems.push(`Installing ${packages.join(', ')} failed (output above): run \`${install}\` by hand.`);
    }
  }
}

let pgProblem = pgState;
if (pgProblem === 'down') {
  const version = postgresVersion();
  const start = `pg_ctlcluster --skip-systemctl-redirect ${version ?? '<version>'} main start`;
  if (!dbIsOurs) {
    pgProblem = `PostgreSQL at ${dbHost}:${dbPort} (from TEST_DATABASE_URL) does not accept connections: start it or fix TEST_DATABASE_URL.`;
  } else if (!isRoot || !version) {
    pgProblem = version
      ? `PostgreSQL does not accept connections at ${dbHost}:${dbPort}: run \`sudo ${start}\` (or set TEST_DATABASE_URL).`
      : `PostgreSQL does not accept connections at ${dbHost}:${dbPort} and no cluster is in /etc/postgresql: run \`sudo apt-get install -y postgresql\` (or set TEST_DATABASE_URL).`;
  } else {
    log(`starting PostgreSQL ${version}`);
    // A failure (e.g. "already running" while it starts up) is not final: the poll decides.
    const failure = run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    pgProblem = await waitFor(() => checkPostgres({ usePretend: false }));
    if (pgProblem === 'down') {
      if (failure) console.error(failure);
      pgProblem = `PostgreSQL did not accept connections within ${START_TIMEOUT_MS / 1000} s after \`${start}\` (see /var/log/postgresql/).`;
    }
  }
}
if (pgProblem === 'nodb') pgProblem = await createDatabase();
if (pgProblem) {
  problems.push(
    pgProblem.endsWith('.')
      ? pgProblem
      : `PostgreSQL at ${dbHost}:${dbPort}: ${pgProblem} (check TEST_DATABASE_URL).`,
  );
}

if (redisState === 'down') {
  const start = 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no';
  if (!isRoot) {
    problems.push(
      `Redis does not answer at 127.0.0.1:6379: run \`${start}\` (apt-get install -y redis-server first if needed).`,
    );
  } else {
    log('starting Redis');
    const failure = run('redis-server', [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    if (failure) console.error(failure);
    const reason = failure ? 'it did not start' : await waitFor(() => checkRedis({ usePretend: false }));
    if (reason) problems.push(`Redis did not answer at 127.0.0.1:6379 after \`${start}\` (${reason}).`);
  }
} else if (redisState) {
  problems.push(
    `Redis at 127.0.0.1:6379 ${redisState} instead of +PONG: the tests expect a plain local Redis.`,
  );
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`${NAME}: ${problem}`);
  process.exit(1);
}
