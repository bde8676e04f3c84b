import { type Kysely, sql } from 'kysely';

/**
 * Three-tier routing (bot → agent → expert):
 * - teams (skill groups) with a tier (1 agents, 2 experts), a routing strategy and their timers, and members;
 * - a person's routing profile: concurrent conversations, skills, languages, when their presence changed
 *   (the offline grace period runs from it) and when they were last offered one (round robin);
 * - a queued conversation's team, its current offer (to whom, until when; durable, so an offer's timeout
 *   survives a restart), who declined it, the customer's last agent (stickiness), when a person took it,
 *   and the customer's rating when it ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // what flows and rules name it by (`team: payments`); the name is for people
    .addColumn('key', 'text')
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1).check(sql`tier in (1, 2)`))
    .addColumn('strategy', 'text', (c) =>
      c.notNull().defaultTo('least_busy').check(sql`strategy in ('least_busy','round_robin','manual')`),
    )
    .addColumn('offer_timeout_seconds', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('offline_grace_seconds', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index teams_name_key on teams (workspace_id, lower(name))`.execute(db);
  await sql`create unique index teams_key_key on teams (workspace_id, key) where key is not null`.execute(db);

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pkey', ['team_id', 'user_id'])
    .execute();
  await sql`create index team_members_user_idx on team_members (user_id)`.execute(db);

  await db.schema
    .alterTable('users')
    .addColumn('max_concurrent', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('skills', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('languages', 'jsonb', (c) => c.notNull().defaultTo(sql`'["zh","en"]'::jsonb`))
    .addColumn('presence_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_offered_at', 'timestamptz')
    .execute();

  await db.schema
    .alterTable('conversations')
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('offered_to', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('offer_expires_at', 'timestamptz')
    .addColumn('declined_by', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('last_agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('csat_score', 'integer', (c) => c.check(sql`csat_score between 1 and 5`))
    .addColumn('csat_comment', 'text')
    .addColumn('csat_at', 'timestamptz')
    .execute();
  await sql`create index conversations_queue_idx on conversations (workspace_id, queued_at) where status = 'queued'`.execute(
    db,
  );
  await sql`create index conversations_offer_due_idx on conversations (offer_expires_at) where offered_to is not null`.execute(
    db,
  );
  await sql`create index conversations_assignee_idx on conversations (assignee_id) where status = 'assigned'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists conversations_assignee_idx`.execute(db);
  await sql`drop index if exists conversations_offer_due_idx`.execute(db);
  await sql`drop index if exists conversations_queue_idx`.execute(db);
  await db.schema
    .alterTable('conversations')
    .dropColumn('team_id')
    .dropColumn('offered_to')
    .dropColumn('offer_expires_at')
    .dropColumn('declined_by')
    .dropColumn('last_agent_id')
    .dropColumn('assigned_at')
    .dropColumn('csat_score')
    .dropColumn('csat_comment')
    .dropColumn('csat_at')
    .execute();
  await db.schema
    .alterTable('users')
    .dropColumn('max_concurrent')
    .dropColumn('skills')
    .dropColumn('languages')
    .dropColumn('presence_changed_at')
    .dropColumn('last_offered_at')
    .execute();
  await db.schema.dropTable('team_members').execute();
  await db.schema.dropTable('teams').execute();
}
