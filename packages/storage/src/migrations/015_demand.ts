import { type Kysely, sql } from 'kysely';

/**
 * Demand mining and answer quality (docs/mining.md). A run clusters a workspace's unanswered questions in
 * the background; its topics and the quality of the bot's answers are stored with it, so reading them is a
 * plain select. At most one run per workspace is in progress (a partial unique index). Links between a
 * topic's questions and the FAQ entry made from it outlive runs (`demand_links`), so a later run still
 * knows the topic is covered.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table demand_runs (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      status text not null check (status in ('running', 'done', 'failed')),
      requested_by uuid,
      window_days integer not null,
      questions integer not null default 0,
      topics integer not null default 0,
      error text,
      started_at timestamptz not null default now(),
      -- renewed while the process that holds the run (queued or executing) is alive: a run whose heartbeat
      -- stopped was left by a process that stopped
      heartbeat_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create unique index demand_runs_one_running on demand_runs (workspace_id) where status = 'running'`.execute(
    db,
  );
  await sql`create index demand_runs_latest on demand_runs (workspace_id, started_at desc)`.execute(db);
  await sql`
    create table demand_topics (
      id uuid primary key,
      run_id uuid not null references demand_runs(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      rank integer not null,
      title text not null,
      keywords jsonb not null,
      questions integer not null,
      recent integer not null,
      previous integer not null,
      trend jsonb not null,
      representatives jsonb not null,
      phrasings jsonb not null,
      teams jsonb not null,
      answers jsonb not null,
      is_new boolean not null,
      is_spike boolean not null,
      covered_by text,
      first_at timestamptz not null,
      last_at timestamptz not null
    )`.execute(db);
  await sql`create index demand_topics_run on demand_topics (run_id, rank)`.execute(db);
  await sql`
    create table demand_links (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      phrasing text not null,
      entry_id text not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, phrasing)
    )`.execute(db);
  await sql`
    create table demand_quality (
      run_id uuid not null references demand_runs(id) on delete cascade,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      kind text not null check (kind in ('entry', 'flow', 'intent')),
      key text not null,
      matched integer not null,
      handoffs integer not null,
      repeats integer not null,
      negatives integer not null,
      failures integer not null,
      primary key (run_id, kind, key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists demand_quality`.execute(db);
  await sql`drop table if exists demand_links`.execute(db);
  await sql`drop table if exists demand_topics`.execute(db);
  await sql`drop table if exists demand_runs`.execute(db);
}
