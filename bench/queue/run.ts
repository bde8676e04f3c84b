// `npm run bench:queue [-- --queued N] [--mode pglite|postgres|both]`: what one routing pass's read of the
// queue costs with N customers waiting, against the former read of every column (the handoff packet, the
// emotion history and the rest), side by side in the same run. Each read runs 40 times per round, 3 rounds.
import { sql } from 'kysely';
import { createStore, type Db, openTestDatabase, type TestDriver } from '../../packages/storage/src/index.ts';
import { conversationColumnsOf } from '../../packages/storage/src/repositories/columns.ts';
import { toConversation } from '../../packages/storage/src/repositories/mappers.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const usage = (message: string): never => {
  console.error(`bench:queue: ${message}`);
  process.exit(2);
};
const queued = Number(arg('queued') ?? 300);
if (!Number.isInteger(queued) || queued < 1 || queued > 100_000)
  usage('--queued takes a whole number from 1 to 100000');
const mode = arg('mode') ?? 'both';
if (!['pglite', 'postgres', 'both'].includes(mode)) usage('--mode takes pglite, postgres or both');
const drivers: TestDriver[] = mode === 'both' ? ['pglite', 'postgres'] : [mode as TestDriver];

/** A waiting customer as a busy day leaves one: an emotion history of 12 readings and a handoff note. */
async function fill(db: Db, workspaceId: string): Promise<void> {
  const store = createStore(db);
  const reading = (i: number) => ({
    label: i % 3 ? 'calm' : 'anxious',
    score: 0.4 + (i % 5) / 10,
    intensity: 0.3,
    at: new Date().toISOString(),
    cues: ['等了', 'still'],
  });
  const note = '客户说发票抬头开错了，已经等了一周，需要重新开具增值税专用发票，订单号 202412150001。'.repeat(
    3,
  );
  for (let i = 0; i < queued; i++) {
    const contact = await store.contacts.create({
      workspaceId,
      tokenHash: `bench-${i}`,
      name: null,
      lang: i % 2 ? 'zh' : 'en',
      attributes: { plan: 'gold', orders: 12 },
    });
    const open = await store.conversations.createOpen({
      workspaceId,
      contactId: contact.id,
      channel: 'widget',
      botState: {},
    });
    if (!open) throw new Error('no conversation opened');
    await store.conversations.transition(open.id, 'bot', {
      status: 'queued',
      queuedAt: new Date(),
      handoffReason: 'customer_request',
    });
    const history = Array.from({ length: 12 }, (_, k) => reading(k));
    await sql`update conversations
      set emotion = ${JSON.stringify({ current: history[11], history })}::jsonb,
          handoff = ${JSON.stringify({ kind: 'team', teamId: null, note })}::jsonb
      where id = ${open.id}`.execute(db);
  }
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function measure(read: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const runs = 40;
  const c0 = cpuMs();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await read();
  return { wall: (performance.now() - t0) / runs, cpu: (cpuMs() - c0) / runs };
}

const lines = [
  `## One routing pass's read of the queue, ${queued} waiting (ms per read: wall / CPU of this process)`,
  '',
  "| database | round | every column (before) | routing's columns (now) |",
  '| --- | --- | --- | --- |',
];
for (const driver of drivers) {
  const { db, cleanup } = await openTestDatabase(driver);
  try {
    const store = createStore(db);
    const workspaceId = await store.setup.createWorkspace({ slug: 'bench', name: 'Bench' });
    await fill(db, workspaceId);
    const everyColumn = async () => {
      const rows = await db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .select(conversationColumnsOf('c'))
        .select('ct.lang as contact_lang')
        .where('c.workspace_id', '=', workspaceId)
        .where('c.status', '=', 'queued')
        .orderBy('c.queued_at')
        .execute();
      return rows.map(({ contact_lang, ...row }) => ({
        conversation: toConversation({ ...row, bot_state: {} }),
        lang: contact_lang,
      }));
    };
    const routing = () => store.routing.listQueued(workspaceId);
    await measure(everyColumn);
    await measure(routing);
    for (let round = 1; round <= 3; round++) {
      const before = await measure(everyColumn);
      const now = await measure(routing);
      const cell = (m: { wall: number; cpu: number }) => `${m.wall.toFixed(2)} / ${m.cpu.toFixed(2)}`;
      lines.push(
        `| ${driver === 'pglite' ? 'PGlite (this thread)' : 'PostgreSQL'} | ${round} | ${cell(before)} | ${cell(now)} |`,
      );
    }
  } finally {
    await cleanup();
  }
}
console.log(lines.join('\n'));
