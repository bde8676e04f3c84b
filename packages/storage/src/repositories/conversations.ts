import { randomUUID } from 'node:crypto';
import type { ConversationRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { GENERIC_PLAN } from '../planHint.ts';
import { conversationFromJson, json, messageFromJson, toConversation } from './mappers.ts';

const OPEN = ['bot', 'queued', 'assigned'] as const;

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async findLatestForContact(contactId) {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async lockOpen(contactId, channel) {
      const row = await db
        .selectFrom('conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .where('channel', '=', channel)
        .where('status', 'in', OPEN)
        // not FOR UPDATE: rows pointing at the conversation (events, receipts, attachments) need not wait
        .forNoKeyUpdate()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async createOpen(input) {
      const row = await db
        .insertInto('conversations')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          contact_id: input.contactId,
          channel: input.channel,
          status: 'bot',
          bot_state: JSON.stringify(input.botState),
        })
        // the partial unique index conversations_one_open_key: one open conversation per contact and channel
        .onConflict((oc) => oc.columns(['contact_id', 'channel']).where('status', 'in', OPEN).doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async transition(id, from, patch, expect = {}) {
      const row = await db
        .updateTable('conversations')
        .set({
          status: patch.status,
          updated_at: new Date(),
          ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
          ...(patch.handoffReason !== undefined ? { handoff_reason: patch.handoffReason } : {}),
          ...(patch.handoff !== undefined ? { handoff: JSON.stringify(patch.handoff) } : {}),
          ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
          ...(patch.queuedAt !== undefined ? { queued_at: patch.queuedAt } : {}),
          ...(patch.resolvedAt !== undefined ? { resolved_at: patch.resolvedAt } : {}),
          ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
          ...(patch.offer === null ? { offered_to: null, offer_expires_at: null } : {}),
          ...(patch.declinedBy !== undefined ? { declined_by: JSON.stringify(patch.declinedBy) } : {}),
          ...(patch.lastAgentId !== undefined ? { last_agent_id: patch.lastAgentId } : {}),
          ...(patch.assignedAt !== undefined ? { assigned_at: patch.assignedAt } : {}),
          ...(patch.settleBot ? { bot_seq: sql<number>`customer_seq` } : {}),
          ...(patch.sla
            ? {
                first_response_due_at: patch.sla.firstResponseDueAt,
                resolution_due_at: patch.sla.resolutionDueAt,
                // a new wait: its own warnings, its own first reply
                sla_flags: '[]',
                first_response_at: null,
              }
            : {}),
          ...(patch.nudgedAt !== undefined ? { nudged_at: patch.nudgedAt } : {}),
          ...(patch.disposition !== undefined ? { disposition: JSON.stringify(patch.disposition) } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', from)
        .where((eb) =>
          eb.and([
            ...(expect.assigneeId !== undefined
              ? [
                  expect.assigneeId === null
                    ? eb('assignee_id', 'is', null)
                    : eb('assignee_id', '=', expect.assigneeId),
                ]
              : []),
            ...(expect.lastSeq !== undefined ? [eb('last_seq', '=', expect.lastSeq)] : []),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async recordBotTurn(id, turn) {
      const n = turn.replies.length;
      // the replies as rows: ordinal, id, client id, text, buttons, meta (all parameters)
      const replies = n
        ? sql.join(
            turn.replies.map(
              (reply, index) =>
                sql`(${index + 1}::int, ${randomUUID()}::uuid, ${reply.clientId}::text, ${reply.text}::text,
                     ${JSON.stringify(reply.buttons)}::jsonb, ${reply.meta ? JSON.stringify(reply.meta) : null}::jsonb)`,
            ),
          )
        : sql`(0, null::uuid, null::text, null::text, null::jsonb, null::jsonb)`;
      // One statement: the compare-and-set on the conversation (still the bot's, no other turn answered
      // meanwhile) and the replies at the sequence numbers it reserved; a lost turn stores nothing.
      const { rows } = await sql<{ conversation: unknown; messages: unknown }>`${sql.raw(GENERIC_PLAN)}
        with conv as (
          update conversations
          set last_seq = last_seq + ${n},
              bot_seq = greatest(bot_seq, ${turn.answeredSeq}),
              bot_state = ${JSON.stringify(turn.botState)}::jsonb,
              tags = ${JSON.stringify(turn.tags)}::jsonb,
              priority = ${turn.priority},
              updated_at = now()
          where id = ${id} and status = ${turn.watching ? 'queued' : 'bot'} and bot_seq = ${turn.expectedBotSeq}
          returning *
        ),
        ins as (
          insert into messages (id, conversation_id, workspace_id, seq, client_id, author_kind, author_id, text,
                                buttons, notice, meta)
          select r.id, conv.id, conv.workspace_id, conv.last_seq - ${n} + r.ord, r.client_id, 'bot', null, r.text,
                 r.buttons, 'null'::jsonb, r.meta
          from conv, (values ${replies}) as r(ord, id, client_id, text, buttons, meta)
          where r.ord > 0
          on conflict do nothing
          returning *
        )
        select (select row_to_json(conv) from conv) as conversation,
               coalesce((select json_agg(ins order by ins.seq) from ins), '[]'::json) as messages`.execute(
        db,
      );
      const row = rows[0];
      if (!row?.conversation) return null;
      return {
        conversation: conversationFromJson(json(row.conversation)),
        messages: json<Record<string, unknown>[]>(row.messages).map(messageFromJson),
      };
    },
    async markCustomerRead(id, contactId, seq) {
      // never past the last message, never back; updated_at stays (reading changes no inbox order)
      const mark = sql<number>`least(${seq}::int, last_seq)`;
      const row = await db
        .updateTable('conversations')
        .set({ customer_read_seq: mark })
        .where('id', '=', id)
        .where('contact_id', '=', contactId)
        .where('customer_read_seq', '<', mark)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async listBotOwed(limit) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('status', '=', 'bot')
        .where(sql<boolean>`customer_seq > bot_seq`)
        .orderBy('updated_at', 'asc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async listForContact(contactId, limit) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('contact_id', '=', contactId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async listAssignedTo(userId) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('assignee_id', '=', userId)
        .where('status', '=', 'assigned')
        .execute();
      return rows.map(toConversation);
    },
  };
}
