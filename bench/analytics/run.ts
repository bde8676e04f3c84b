/**
 * Analytics benchmark: fills a database with a year of realistic history through the rollup path (facts,
 * then hourly rollups) and times the dashboard endpoints' work on it, printing a markdown table.
 *
 *   npm run bench:analytics                      PGlite in a worker thread (as `npm start` runs), 300/day
 *   npm run bench:analytics -- --postgres        the PostgreSQL server of TEST_DATABASE_URL (a throw-away database)
 *   npm run bench:analytics -- --per-day 1000 --days 365 --runs 5
 */
import { randomUUID } from 'node:crypto';
import type { User } from '@tandem/domain';
import { analyticsQuerySchema } from '@tandem/protocol';
import { type Db, migrateToLatest, openDatabase, openTestDatabase } from '@tandem/storage';
import { analyticsOverview, analyticsPeople } from '../../apps/server/src/analytics/dashboard.ts';
import { generateHistory } from '../../apps/server/src/analytics/history.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const postgres = args.includes('--postgres');
const perDay = flag('per-day', 300);
const days = flag('days', 365);
const runs = flag('runs', 5);

async function open(): Promise<{ db: Db; cleanup: () => Promise<void>; driver: string }> {
  if (postgres) {
    const test = await openTestDatabase('postgres');
    return { db: test.db, cleanup: test.cleanup, driver: 'PostgreSQL' };
  }
  const db = await openDatabase({ driver: 'pglite', dataDir: null, thread: 'worker' });
  await migrateToLatest(db);
  return { db, cleanup: () => db.destroy(), driver: 'PGlite (worker thread)' };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function main() {
  const { db, cleanup, driver } = await open();
  try {
    const workspaceId = randomUUID();
    await db
      .insertInto('workspaces')
      .values({ id: workspaceId, slug: `bench-${workspaceId}`, name: 'Bench' })
      .execute();
    const teamIds = Array.from({ length: 4 }, () => randomUUID());
    await db
      .insertInto('teams')
      .values(teamIds.map((id, i) => ({ id, workspace_id: workspaceId, name: `Team ${i + 1}` })))
      .execute();
    const agentIds = Array.from({ length: 20 }, () => randomUUID());
    await db
      .insertInto('users')
      .values(
        agentIds.map((id, i) => ({
          id,
          workspace_id: workspaceId,
          email: `agent${i}@bench.test`,
          name: `Agent ${i + 1}`,
          role: 'agent' as const,
          password_hash: 'x',
        })),
      )
      .execute();
    const now = new Date();
    const started = performance.now();
    const conversations = await generateHistory(db, {
      workspaceId,
      days,
      perDay,
      now,
      utcOffsetHours: 8,
      teamIds,
      agentIds,
    });
    const fillSeconds = (performance.now() - started) / 1000;
    const count = async (table: string) =>
      Number(
        (
          await db
            .selectFrom(table as 'analytics_conversations')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const hourlyRows = await count('analytics_hourly');
    const agentRows = await count('analytics_agent_hourly');

    const user = { id: randomUUID(), workspaceId, role: 'admin' } as User;
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const cases: Array<[string, Record<string, string>]> = [
      ['7 days by hour', { from: day(-6), to: day(0), granularity: 'hour' }],
      ['30 days by day', { from: day(-29), to: day(0), granularity: 'day' }],
      ['365 days by day', { from: day(-364), to: day(0), granularity: 'day' }],
      ['365 days by week', { from: day(-364), to: day(0), granularity: 'week' }],
      [
        '365 days by day, one team',
        { from: day(-364), to: day(0), granularity: 'day', team: teamIds[0] as string },
      ],
      [
        '365 days by day, intent + language',
        { from: day(-364), to: day(0), granularity: 'day', intent: 'refund', lang: 'zh' },
      ],
    ];
    const rows: string[] = [];
    for (const [name, params] of cases) {
      const query = analyticsQuerySchema.parse({ tz: 'Asia/Shanghai', ...params });
      const overview: number[] = [];
      const people: number[] = [];
      let size = 0;
      for (let i = 0; i < runs; i++) {
        let t0 = performance.now();
        const body = await analyticsOverview(db, user, query);
        size = JSON.stringify(body).length;
        overview.push(performance.now() - t0);
        t0 = performance.now();
        JSON.stringify(await analyticsPeople(db, user, query));
        people.push(performance.now() - t0);
      }
      rows.push(
        `| ${name} | ${median(overview).toFixed(0)} | ${Math.max(...overview).toFixed(0)} | ${median(people).toFixed(0)} | ${(median(overview) + median(people)).toFixed(0)} | ${(size / 1024).toFixed(0)} |`,
      );
    }
    console.log(
      `\n${driver}: ${conversations.toLocaleString('en')} conversations over ${days} days (${perDay}/day on average)`,
    );
    console.log(
      `filled in ${fillSeconds.toFixed(1)} s; ${hourlyRows.toLocaleString('en')} hourly rollup rows, ${agentRows.toLocaleString('en')} per-person rollup rows\n`,
    );
    console.log(
      '| dashboard request | overview median ms | overview max ms | people median ms | page (both) ms | overview JSON kB |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await cleanup();
  }
}

await main();
