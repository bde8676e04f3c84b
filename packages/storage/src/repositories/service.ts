import type { ServiceRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { conversationColumnsOf } from './columns.ts';
import { toConversation } from './mappers.ts';

/** SLA flags, nudges, idle conversations and consults. Every change that must happen once is a compare-and-set. */
export function serviceRepository(db: Db): ServiceRepository {
  return {
    async markAgentReply(id) {
      await db
        .updateTable('conversations')
        .set({ first_response_at: sql`coalesce(first_response_at, now())`, nudged_at: null })
        .where('id', '=', id)
        .execute();
    },
    async listWithSla(limit) {
      const rows = await db
        .selectFrom('conversations')
        .select(conversationColumnsOf('conversations'))
        .where('status', 'in', ['queued', 'assigned'])
        .where((eb) =>
          eb.or([eb('first_response_due_at', 'is not', null), eb('resolution_due_at', 'is not', null)]),
        )
        .orderBy('queued_at')
        .limit(limit)
        .execute();
      return rows.map((row) => toConversation({ ...row, bot_state: {} }));
    },
    async addSlaFlag(id, flag) {
      const row = await db
        .updateTable('conversations')
        .set({ sla_flags: sql`sla_flags || ${JSON.stringify([flag])}::jsonb` })
        .where('id', '=', id)
        .where(sql<boolean>`not (sla_flags @> ${JSON.stringify([flag])}::jsonb)`)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async listServed(limit) {
      const rows = await db
        .selectFrom('conversations as c')
        .select(conversationColumnsOf('c'))
        .select([
          sql<Date | null>`(select max(m.created_at) from messages m where m.conversation_id = c.id and m.author_kind = 'customer')`.as(
            'last_customer_at',
          ),
          sql<Date | null>`(select max(m.created_at) from messages m where m.conversation_id = c.id and m.author_kind = 'agent' and not m.internal)`.as(
            'last_agent_at',
          ),
        ])
        .where('c.status', '=', 'assigned')
        .orderBy('c.assigned_at')
        .limit(limit)
        .execute();
      const at = (v: unknown) =>
        v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string);
      return rows.map(({ last_customer_at, last_agent_at, ...row }) => ({
        conversation: toConversation({ ...row, bot_state: {} }),
        lastCustomerAt: at(last_customer_at),
        lastAgentAt: at(last_agent_at),
      }));
    },
    async markNudged(id, previous) {
      const row = await db
        .updateTable('conversations')
        .set({ nudged_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'assigned')
        .where((eb) => (previous ? eb('nudged_at', '=', previous) : eb('nudged_at', 'is', null)))
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async listIdle(before, limit) {
      const rows = await db
        .selectFrom('conversations as c')
        .selectAll('c')
        .where('c.status', 'in', ['bot', 'assigned'])
        .where('c.updated_at', '<', before)
        .where(
          sql<boolean>`coalesce((select max(m.created_at) from messages m where m.conversation_id = c.id), c.created_at) < ${before}`,
        )
        .orderBy('c.updated_at')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async addParticipant(conversationId, userId, invitedBy) {
      const result = await db
        .insertInto('conversation_participants')
        .values({ conversation_id: conversationId, user_id: userId, invited_by: invitedBy })
        .onConflict((oc) => oc.columns(['conversation_id', 'user_id']).doNothing())
        .returning('user_id')
        .execute();
      return result.length > 0;
    },
    async removeParticipant(conversationId, userId) {
      const result = await db
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async clearParticipants(conversationId) {
      await db
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', conversationId)
        .execute();
    },
    async listParticipants(conversationId) {
      const rows = await db
        .selectFrom('conversation_participants')
        .select('user_id')
        .where('conversation_id', '=', conversationId)
        .orderBy('joined_at')
        .execute();
      return rows.map((r) => r.user_id);
    },
  };
}
