import { type Kysely, sql } from 'kysely';

/**
 * Service levels around the human queue:
 * - teams get business hours (time zone, weekly hours, holidays), SLA targets by priority band, and how long
 *   a person may leave a customer unanswered before a nudge and then a return to the queue;
 * - conversations record their SLA deadlines, the first person's reply, which SLA warnings and breaches were
 *   raised (each once, even with several processes), the nudge, and the disposition tags it was resolved with;
 * - tickets: a message left when nobody can take the conversation now, with the customer's contact details,
 *   and staff replies (shown in the widget, and e-mailed when SMTP is configured: the e-mail is owed work,
 *   kept with the reply until sent);
 * - participants: experts invited to consult on a conversation (they may write internal notes or reply);
 * - internal notes: messages staff write for each other, never shown to the customer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // away because every connection closed (back online on reconnect; offline after the grace period)
  await db.schema
    .alterTable('users')
    .addColumn('presence_auto', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('teams')
    .addColumn('hours', 'jsonb')
    .addColumn('sla', 'jsonb')
    .addColumn('nudge_seconds', 'integer', (c) => c.notNull().defaultTo(180))
    .addColumn('requeue_after_nudge_seconds', 'integer', (c) => c.notNull().defaultTo(180))
    // where its conversations go when nobody in it is online (one hop)
    .addColumn('fallback_team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .execute();

  await db.schema
    .alterTable('conversations')
    .addColumn('first_response_due_at', 'timestamptz')
    .addColumn('resolution_due_at', 'timestamptz')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('sla_flags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('nudged_at', 'timestamptz')
    .addColumn('disposition', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await sql`create index conversations_sla_idx on conversations (workspace_id) where status in ('queued', 'assigned') and (first_response_due_at is not null or resolution_due_at is not null)`.execute(
    db,
  );

  // a person's load counts the conversations offered to them
  await sql`create index conversations_offered_to_idx on conversations (offered_to) where offered_to is not null`.execute(
    db,
  );
  await db.schema
    .alterTable('messages')
    .addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('conversation_participants')
    .addColumn('conversation_id', 'uuid', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('invited_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('conversation_participants_pkey', ['conversation_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('contact_id', 'uuid', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open','pending','solved')`),
    )
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('lang', 'text', (c) => c.notNull().defaultTo('zh'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // the same verified customer's conversations across devices (the handoff packet's history)
  await sql`create index contacts_verified_customer_idx on contacts (workspace_id, (attributes ->> 'customerId')) where attributes -> 'identityVerified' = 'true'::jsonb`.execute(
    db,
  );
  await sql`create index tickets_workspace_idx on tickets (workspace_id, status, created_at)`.execute(db);
  await sql`create index tickets_contact_idx on tickets (contact_id)`.execute(db);

  await db.schema
    .createTable('ticket_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('email_state', 'text', (c) =>
      c.notNull().defaultTo('none').check(sql`email_state in ('none','pending','sent','failed')`),
    )
    .addColumn('email_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_error', 'text')
    // a sender's lease on the attempt (another process does not send it meanwhile), and the backoff
    .addColumn('email_claimed_until', 'timestamptz')
    .addColumn('email_next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index ticket_replies_ticket_idx on ticket_replies (ticket_id, created_at)`.execute(db);
  await sql`create index ticket_replies_owed_idx on ticket_replies (email_next_attempt_at) where email_state = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('presence_auto').execute();
  await db.schema.dropTable('ticket_replies').execute();
  await sql`drop index if exists contacts_verified_customer_idx`.execute(db);
  await db.schema.dropTable('tickets').execute();
  await db.schema.dropTable('conversation_participants').execute();
  await db.schema.alterTable('messages').dropColumn('internal').execute();
  await sql`drop index if exists conversations_sla_idx`.execute(db);
  await sql`drop index if exists conversations_offered_to_idx`.execute(db);
  await db.schema
    .alterTable('conversations')
    .dropColumn('first_response_due_at')
    .dropColumn('resolution_due_at')
    .dropColumn('first_response_at')
    .dropColumn('sla_flags')
    .dropColumn('nudged_at')
    .dropColumn('disposition')
    .execute();
  await db.schema
    .alterTable('teams')
    .dropColumn('hours')
    .dropColumn('sla')
    .dropColumn('nudge_seconds')
    .dropColumn('requeue_after_nudge_seconds')
    .dropColumn('fallback_team_id')
    .execute();
}
