// The message path's two statements alone, on the embedded database as the server runs it (PGlite in its own
// thread, on disk): a customer message (receiveCustomer) and the bot's reply (recordBotTurn), 20 customers at a
// time over `--contacts` conversations. Prints wall time and process CPU (all threads) per exchange.
//   npm run bench:db -- [--contacts 2000] [--exchanges 2000] [--rounds 3] [--memory]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoWorkspace } from '../../apps/server/src/demo/seed.ts';
import { createStore, migrateToLatest, openDatabase } from '../../packages/storage/src/index.ts';

const { values: args } = parseArgs({
  options: {
    contacts: { type: 'string', default: '2000' },
    exchanges: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
    memory: { type: 'boolean', default: false },
  },
});
const count = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a positive whole number`);
  return n;
};
const contactsWanted = count('contacts', args.contacts);
const exchanges = count('exchanges', args.exchanges);
const rounds = count('rounds', args.rounds);
const LANES = 20;
if (contactsWanted < LANES)
  throw new Error(`--contacts: at least ${LANES} (one conversation per customer at a time)`);

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-db-'));
const db = await openDatabase({
  driver: 'pglite',
  dataDir: args.memory ? null : join(dir, 'db'),
  thread: 'worker',
});
try {
  await migrateToLatest(db);
  const store = createStore(db);
  await seedDemoWorkspace(store);
  const workspace = await store.workspaces.findBySlug('demo');
  if (!workspace) throw new Error('the demo workspace was not seeded');
  const contacts: string[] = [];
  for (let i = 0; i < contactsWanted; i++) {
    const contact = await store.contacts.create({
      workspaceId: workspace.id,
      tokenHash: randomUUID(),
      name: null,
      lang: 'zh',
      attributes: {},
    });
    contacts.push(contact.id);
  }
  const reading = {
    basic: 'neutral',
    polarity: 'neutral',
    intensity: 0.1,
    at: new Date().toISOString(),
  } as const;
  const exchange = async (contactId: string) => {
    const received = await store.messages.receiveCustomer({
      workspaceId: workspace.id,
      contactId,
      channel: 'widget',
      clientId: randomUUID(),
      text: '怎么开发票 please',
      meta: { lang: 'zh' },
      emotion: reading as never,
      botAccepting: true,
    });
    if (received.kind !== 'stored') throw new Error(`customer message: ${received.kind}`);
    const turn = await store.conversations.recordBotTurn(received.conversation.id, {
      expectedBotSeq: received.conversation.botSeq,
      answeredSeq: received.message.seq,
      replies: [
        {
          clientId: `bot-${received.message.id}-0`,
          text: '您好，开发票请在订单页点击「申请发票」。',
          buttons: [{ label: '运费怎么算', value: '运费怎么算' }],
          meta: { intent: 'invoice', confidence: 0.9 },
        } as never,
      ],
      botState: { flow: null, misses: 0 },
      tags: [],
      priority: 0,
    });
    if (!turn) throw new Error('the bot reply lost its compare-and-set');
  };
  // every conversation opened once before timing
  for (const contact of contacts) await exchange(contact);
  console.log(`| round | ms per exchange (wall, 20 at a time) | ms of CPU per exchange (all threads) |`);
  console.log('|---|---|---|');
  for (let round = 1; round <= rounds; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    // each lane has its own customers (lane, lane + 20, …): no two exchanges of one conversation at once
    let next = 0;
    await Promise.all(
      Array.from({ length: LANES }, async (_, lane) => {
        const mine = contacts.filter((_, i) => i % LANES === lane);
        for (let k = 0; next < exchanges; k++) {
          next++;
          await exchange(mine[k % mine.length] as string);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    console.log(
      `| ${round} | ${((performance.now() - started) / exchanges).toFixed(2)} | ${((used.user + used.system) / 1000 / exchanges).toFixed(2)} |`,
    );
  }
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
}
