import { randomUUID } from 'node:crypto';
import type { TicketRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { toTicket, toTicketReply } from './mappers.ts';

/** Messages left when nobody could take the conversation, and staff replies with the e-mail they owe. */
export function ticketRepository(db: Db): TicketRepository {
  return {
    async create(input) {
      const row = await db
        .insertInto('tickets')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          contact_id: input.contactId,
          conversation_id: input.conversationId,
          team_id: input.teamId,
          name: input.name,
          email: input.email,
          phone: input.phone,
          lang: input.lang,
          message: input.message,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTicket(row);
    },
    async findById(workspaceId, id) {
      const row = await db
        .selectFrom('tickets')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toTicket(row) : null;
    },
    async list(workspaceId, status, limit) {
      let query = db.selectFrom('tickets').selectAll().where('workspace_id', '=', workspaceId);
      if (status) query = query.where('status', '=', status);
      const rows = await query.orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(toTicket);
    },
    async listForContact(contactId, limit) {
      const rows = await db
        .selectFrom('tickets')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toTicket);
    },
    async setStatus(id, status) {
      const row = await db
        .updateTable('tickets')
        .set({ status, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toTicket(row) : null;
    },
    async addReply(input) {
      const row = await db
        .insertInto('ticket_replies')
        .values({
          id: randomUUID(),
          ticket_id: input.ticketId,
          author_id: input.authorId,
          text: input.text,
          email_state: input.email ? 'pending' : 'none',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTicketReply(row);
    },
    async listReplies(ticketId) {
      const rows = await db
        .selectFrom('ticket_replies')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .execute();
      return rows.map(toTicketReply);
    },
    async listOwedEmails(limit, maxAttempts) {
      const rows = await db
        .selectFrom('ticket_replies as r')
        .innerJoin('tickets as t', 't.id', 'r.ticket_id')
        .selectAll('t')
        .select([
          'r.id as reply_id',
          'r.author_id as reply_author_id',
          'r.text as reply_text',
          'r.email_state as reply_email_state',
          'r.email_attempts as reply_attempts',
          'r.created_at as reply_created_at',
        ])
        .where('r.email_state', '=', 'pending')
        .where('r.email_attempts', '<', maxAttempts)
        .where('r.email_next_attempt_at', '<=', new Date())
        .where((eb) =>
          eb.or([eb('r.email_claimed_until', 'is', null), eb('r.email_claimed_until', '<', new Date())]),
        )
        .orderBy('r.email_next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        ticket: toTicket(row),
        reply: {
          id: row.reply_id,
          ticketId: row.id,
          authorId: row.reply_author_id,
          text: row.reply_text,
          emailState: row.reply_email_state,
          createdAt: row.reply_created_at,
        },
        attempts: row.reply_attempts,
      }));
    },
    async claimEmail(replyId, attempts) {
      const result = await db
        .updateTable('ticket_replies')
        // a lease long enough for one SMTP exchange; a sender that died leaves it to expire
        .set({ email_attempts: attempts + 1, email_claimed_until: new Date(Date.now() + 2 * 60_000) })
        .where('id', '=', replyId)
        .where('email_state', '=', 'pending')
        .where('email_attempts', '=', attempts)
        .where((eb) =>
          eb.or([eb('email_claimed_until', 'is', null), eb('email_claimed_until', '<', new Date())]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async finishEmail(replyId, outcome) {
      await db
        .updateTable('ticket_replies')
        .set(
          outcome.sent
            ? { email_state: 'sent', email_error: null, email_claimed_until: null }
            : {
                email_state: outcome.final ? 'failed' : 'pending',
                email_error: outcome.error.slice(0, 500),
                email_claimed_until: null,
                // back off: 30 s, 1, 2, 4 minutes … after each failed attempt
                email_next_attempt_at: sql<Date>`now() + make_interval(secs => 30 * power(2, greatest(email_attempts - 1, 0)))`,
              },
        )
        .where('id', '=', replyId)
        .execute();
    },
  };
}
