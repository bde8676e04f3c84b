import type { RoutingRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json, toConversation } from './mappers.ts';

/** Routing: queues, offers and their timers, people's load. Every change is a compare-and-set. */
export function routingRepository(db: Db): RoutingRepository {
  return {
    async candidates(workspaceId, userIds) {
      let query = db
        .selectFrom('users as u')
        .select([
          'u.id',
          'u.role',
          'u.presence',
          'u.max_concurrent',
          'u.skills',
          'u.languages',
          'u.last_offered_at',
          // two index lookups (conversations_assignee_idx, conversations_offered_to_idx), not a scan
          sql<number>`((select count(*) from conversations c where c.status = 'assigned' and c.assignee_id = u.id)
                     + (select count(*) from conversations c where c.offered_to = u.id and c.status = 'queued'))::int`.as(
            'load',
          ),
        ])
        .where('u.workspace_id', '=', workspaceId)
        // disabled people are offered nothing and cannot be assigned
        .where('u.disabled_at', 'is', null);
      if (userIds) {
        if (userIds.length === 0) return [];
        query = query.where('u.id', 'in', userIds);
      }
      const rows = await query.execute();
      return rows.map((row) => ({
        user: {
          id: row.id,
          role: row.role,
          presence: row.presence,
          maxConcurrent: row.max_concurrent,
          skills: json<string[]>(row.skills) ?? [],
          languages: json<Array<'zh' | 'en'>>(row.languages) ?? ['zh', 'en'],
        },
        load: Number(row.load),
        lastOfferedAt: row.last_offered_at,
      }));
    },
    async lockUser(userId) {
      // FOR NO KEY UPDATE: serialises the person's offers and assignments, but not the foreign-key checks of
      // rows that point at them (an accept setting a conversation's assignee). FOR UPDATE blocked those, and an
      // offer holding the person and waiting for the conversation deadlocked with that accept.
      await db.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().execute();
    },
    async listQueued(workspaceId) {
      // only what routing reads (QueuedConversationFields): a pass reads the whole queue
      const rows = await db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .select([
          'c.id',
          'c.workspace_id',
          'c.contact_id',
          'c.team_id',
          'c.priority',
          'c.tags',
          'c.offered_to',
          'c.offer_expires_at',
          'c.declined_by',
          'c.last_agent_id',
          'c.queued_at',
          'c.created_at',
          'c.updated_at',
          'ct.lang as contact_lang',
        ])
        .where('c.workspace_id', '=', workspaceId)
        .where('c.status', '=', 'queued')
        .orderBy('c.queued_at')
        .execute();
      return rows.map((row) => ({
        conversation: {
          id: row.id,
          workspaceId: row.workspace_id,
          contactId: row.contact_id,
          teamId: row.team_id,
          priority: row.priority,
          tags: json(row.tags) ?? [],
          offer:
            row.offered_to && row.offer_expires_at
              ? { userId: row.offered_to, expiresAt: row.offer_expires_at }
              : null,
          declinedBy: json(row.declined_by) ?? [],
          lastAgentId: row.last_agent_id,
          queuedAt: row.queued_at,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        },
        lang: row.contact_lang,
      }));
    },
    async workspacesWithWaiting() {
      const rows = await db
        .selectFrom('conversations')
        .select('workspace_id')
        .distinct()
        .where('status', '=', 'queued')
        .where('offered_to', 'is', null)
        .execute();
      return rows.map((r) => r.workspace_id);
    },
    async offer(id, userId, expiresAt) {
      const row = await db
        .updateTable('conversations')
        .set({ offered_to: userId, offer_expires_at: expiresAt, updated_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .where('offered_to', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) return null;
      await db.updateTable('users').set({ last_offered_at: new Date() }).where('id', '=', userId).execute();
      return toConversation(row);
    },
    async endOffer(id, userId, declined) {
      const row = await db
        .updateTable('conversations')
        .set({
          offered_to: null,
          offer_expires_at: null,
          updated_at: new Date(),
          ...(declined
            ? {
                declined_by: sql`case when declined_by @> ${JSON.stringify([userId])}::jsonb then declined_by
                                      else declined_by || ${JSON.stringify([userId])}::jsonb end`,
              }
            : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .where('offered_to', '=', userId)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async resetDeclined(id) {
      const row = await db
        .updateTable('conversations')
        .set({ declined_by: '[]', updated_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'queued')
        .where('offered_to', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
    async listExpiredOffers(now, limit) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('status', '=', 'queued')
        .where('offered_to', 'is not', null)
        .where('offer_expires_at', '<=', now)
        .orderBy('offer_expires_at')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async listOffersTo(userId) {
      const rows = await db
        .selectFrom('conversations')
        .selectAll()
        .where('offered_to', '=', userId)
        .where('status', '=', 'queued')
        .execute();
      return rows.map(toConversation);
    },
    async listOrphaned(now, defaultGraceSeconds, limit) {
      const rows = await db
        .selectFrom('conversations as c')
        .innerJoin('users as u', 'u.id', 'c.assignee_id')
        .leftJoin('teams as t', 't.id', 'c.team_id')
        .selectAll('c')
        .where('c.status', '=', 'assigned')
        .where((eb) =>
          eb.or([
            eb('u.presence', '=', 'offline'),
            eb.and([eb('u.presence', '=', 'away'), eb('u.presence_auto', '=', true)]),
          ]),
        )
        .where(
          sql<boolean>`u.presence_changed_at + make_interval(secs => coalesce(t.offline_grace_seconds, ${defaultGraceSeconds})) <= ${now}`,
        )
        .orderBy('c.queued_at')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },
    async meanHandleSeconds(workspaceId) {
      const row = await sql<{ mean: number | string | null }>`
        select avg(extract(epoch from (resolved_at - assigned_at))) as mean from (
          select resolved_at, assigned_at from conversations
          where workspace_id = ${workspaceId} and assigned_at is not null and resolved_at is not null
            and resolved_at > assigned_at
          order by resolved_at desc limit 50) recent`.execute(db);
      const mean = row.rows[0]?.mean;
      return mean === null || mean === undefined ? null : Math.round(Number(mean));
    },
    async rate(id, score, comment) {
      const row = await db
        .updateTable('conversations')
        .set({ csat_score: score, csat_comment: comment, csat_at: new Date(), updated_at: new Date() })
        .where('id', '=', id)
        .where('status', 'in', ['resolved', 'closed'])
        .where('csat_score', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row ? toConversation(row) : null;
    },
  };
}
