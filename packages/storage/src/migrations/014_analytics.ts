import { type Kysely, sql } from 'kysely';

/** Hand-over reasons and emotions counted per value in `analytics_hour_totals` (see repositories/analytics.ts). */
const TOTALS_COLUMNS = [
  'r_customer_request',
  'r_keyword',
  'r_repeated_miss',
  'r_rule',
  'r_emotion',
  'r_flow',
  'r_human_first',
  'e_anger',
  'e_disgust',
  'e_fear',
  'e_joy',
  'e_sadness',
  'e_surprise',
  'e_neutral',
  'e_none',
];

/** The counters an hourly rollup row sums over the conversations of its hour and dimensions. */
const counters = sql.raw(`
  conversations integer not null default 0,
  ended integer not null default 0,
  queued integer not null default 0,
  assigned integer not null default 0,
  transferred integer not null default 0,
  transfers integer not null default 0,
  bot_resolved integer not null default 0,
  bot_unresolved integer not null default 0,
  bot_pending integer not null default 0,
  frt_sum bigint not null default 0,
  frt_n integer not null default 0,
  wait_sum bigint not null default 0,
  wait_n integer not null default 0,
  handle_sum bigint not null default 0,
  handle_n integer not null default 0,
  csat_1 integer not null default 0,
  csat_2 integer not null default 0,
  csat_3 integer not null default 0,
  csat_4 integer not null default 0,
  csat_5 integer not null default 0,
  sla_n integer not null default 0,
  sla_met integer not null default 0,
  bot_replies integer not null default 0,
  oos_replies integer not null default 0`);

/**
 * Analytics (see docs/metrics.md): one fact row per conversation, kept by the analytics listener, and hourly
 * rollups recomputed from the facts of the hours that changed (`analytics_dirty_hours`), so dashboards read
 * rollups and never scan messages. Dimensions are text with '' for "none" so they can be part of a key.
 * Data retention per workspace (`data_retention`), with a durable purge timer (`next_purge_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_conversations (
      conversation_id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      contact_id uuid not null,
      hour timestamptz not null,
      started_at timestamptz not null,
      ended_at timestamptz,
      channel text not null,
      lang text not null,
      team_id text not null default '',
      agent_id text not null default '',
      intent text not null default '',
      reason text not null default '',
      emotion text not null default '',
      queued boolean not null default false,
      assigned boolean not null default false,
      transfers integer not null default 0,
      frt_s integer,
      wait_s integer,
      handle_s integer,
      csat integer,
      sla_met boolean,
      bot_replies integer not null default 0,
      oos_replies integer not null default 0,
      bot_outcome text not null default '' check (bot_outcome in ('', 'pending', 'resolved', 'unresolved')),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index analytics_conversations_hour_idx on analytics_conversations (workspace_id, hour)`.execute(
    db,
  );
  // the repeat-contact check (same customer, same intent, within 24 h) and exports in time order
  await sql`create index analytics_conversations_contact_idx
    on analytics_conversations (workspace_id, contact_id, started_at)`.execute(db);
  await sql`create index analytics_conversations_started_idx
    on analytics_conversations (workspace_id, started_at, conversation_id)`.execute(db);
  await sql`create index analytics_conversations_pending_idx
    on analytics_conversations (ended_at) where bot_outcome = 'pending'`.execute(db);

  await sql`
    create table analytics_hourly (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      hour timestamptz not null,
      team_id text not null,
      channel text not null,
      lang text not null,
      intent text not null,
      reason text not null,
      emotion text not null,
      ${counters},
      primary key (workspace_id, hour, team_id, channel, lang, intent, reason, emotion)
    )`.execute(db);

  await sql`
    create table analytics_agent_hourly (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      hour timestamptz not null,
      agent_id text not null,
      team_id text not null,
      channel text not null,
      lang text not null,
      intent text not null,
      ${counters},
      primary key (workspace_id, hour, agent_id, team_id, channel, lang, intent)
    )`.execute(db);

  // a workspace's hours without dimensions, for unfiltered dashboards (a year is 8,760 rows, however busy):
  // hand-over reasons and emotions as counts per value
  await sql`
    create table analytics_hour_totals (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      hour timestamptz not null,
      ${counters},
      ${sql.raw(TOTALS_COLUMNS.map((c) => `${c} integer not null default 0`).join(',\n      '))},
      primary key (workspace_id, hour)
    )`.execute(db);

  await sql`
    create table analytics_dirty_hours (
      workspace_id uuid not null,
      hour timestamptz not null,
      marked_at timestamptz not null default now(),
      primary key (workspace_id, hour)
    )`.execute(db);
  // the sweep reads conversations in (updated_at, id) order across workspaces
  await sql`create index conversations_updated_idx on conversations (updated_at, id)`.execute(db);

  // how far the durable sweep has read conversations' updated_at (one row); from the start, so an existing
  // installation's history is read into facts in batches after the upgrade
  await sql`
    create table analytics_sweep (
      id integer primary key check (id = 1),
      swept_until timestamptz not null
    )`.execute(db);
  await sql`insert into analytics_sweep (id, swept_until) values (1, 'epoch')`.execute(db);

  await sql`
    create table data_retention (
      workspace_id uuid primary key references workspaces(id) on delete cascade,
      retention_days integer not null check (retention_days between 1 and 3650),
      next_purge_at timestamptz not null default now(),
      last_purge_at timestamptz,
      last_purged integer not null default 0,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists conversations_updated_idx`.execute(db);
  for (const table of [
    'data_retention',
    'analytics_sweep',
    'analytics_dirty_hours',
    'analytics_agent_hourly',
    'analytics_hour_totals',
    'analytics_hourly',
    'analytics_conversations',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
