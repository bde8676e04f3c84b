import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { AnalyticsFilter } from './analyticsQueries.ts';

export interface FactRow {
  conversationId: string;
  startedAt: Date;
  endedAt: Date | null;
  channel: string;
  lang: string;
  teamId: string;
  agentId: string;
  intent: string;
  reason: string;
  emotion: string;
  queued: boolean;
  assigned: boolean;
  transfers: number;
  frtS: number | null;
  waitS: number | null;
  handleS: number | null;
  csat: number | null;
  slaMet: boolean | null;
  botReplies: number;
  oosReplies: number;
  botOutcome: string;
}

export interface TranscriptLine {
  conversationId: string;
  authorKind: string;
  text: string;
  notice: string | null;
  at: Date;
}

const at = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));

/** Reads for exports, a page at a time (keyset on start time and id), so a file of any size streams. */
export function analyticsExportRepository(db: Db) {
  return {
    /** Up to `limit` conversations of the filter started after `after`, in start order. */
    async factsPage(
      filter: AnalyticsFilter,
      after: { startedAt: Date; id: string } | null,
      limit: number,
    ): Promise<FactRow[]> {
      let query = db
        .selectFrom('analytics_conversations')
        .selectAll()
        .where('workspace_id', '=', filter.workspaceId)
        .where('started_at', '>=', filter.from)
        .where('started_at', '<', filter.to);
      if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
      if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
      if (filter.lang !== undefined) query = query.where('lang', '=', filter.lang);
      if (filter.intent !== undefined) query = query.where('intent', '=', filter.intent);
      if (after)
        query = query.where(
          sql<boolean>`(started_at, conversation_id) > (${after.startedAt}::timestamptz, ${after.id}::uuid)`,
        );
      const rows = await query.orderBy('started_at').orderBy('conversation_id').limit(limit).execute();
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        startedAt: at(r.started_at),
        endedAt: r.ended_at ? at(r.ended_at) : null,
        channel: r.channel,
        lang: r.lang,
        teamId: r.team_id,
        agentId: r.agent_id,
        intent: r.intent,
        reason: r.reason,
        emotion: r.emotion,
        queued: r.queued,
        assigned: r.assigned,
        transfers: r.transfers,
        frtS: r.frt_s,
        waitS: r.wait_s,
        handleS: r.handle_s,
        csat: r.csat,
        slaMet: r.sla_met,
        botReplies: r.bot_replies,
        oosReplies: r.oos_replies,
        botOutcome: r.bot_outcome,
      }));
    },

    /** What the customer saw of these conversations (internal notes left out), in order. */
    async transcripts(workspaceId: string, ids: string[]): Promise<TranscriptLine[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('messages')
        .select([
          'conversation_id',
          'author_kind',
          'text',
          sql<string | null>`notice->>'code'`.as('notice'),
          'created_at',
        ])
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', 'in', ids)
        .where('internal', '=', false)
        .orderBy('conversation_id')
        .orderBy('seq')
        .execute();
      return rows.map((r) => ({
        conversationId: r.conversation_id,
        authorKind: r.author_kind,
        text: r.text,
        notice: r.notice,
        at: at(r.created_at),
      }));
    },

    /** Names of a workspace's people and teams, for readable files. */
    async names(workspaceId: string): Promise<{ users: Map<string, string>; teams: Map<string, string> }> {
      const users = await db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      const teams = await db
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .execute();
      return {
        users: new Map(users.map((u) => [u.id, u.name])),
        teams: new Map(teams.map((t) => [t.id, t.name])),
      };
    },
  };
}

export type AnalyticsExportRepository = ReturnType<typeof analyticsExportRepository>;
