import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

const at = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);
const num = (value: unknown): number => Number(value ?? 0);

export interface QueueFigure {
  /** null: the general queue */
  teamId: string | null;
  queued: number;
  oldestQueuedAt: Date | null;
}

export interface TeamFigure {
  id: string;
  key: string | null;
  name: string;
  tier: 1 | 2;
  online: number;
  away: number;
  offline: number;
  capacity: number;
  load: number;
}

export interface AgentFigure {
  id: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent' | 'expert';
  presence: 'online' | 'away' | 'offline';
  maxConcurrent: number;
  load: number;
  offered: number;
  teamIds: string[];
  oldestUnansweredAt: Date | null;
}

export interface SlaAlert {
  conversationId: string;
  customerName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  kind: 'first_response' | 'resolution';
  dueAt: Date;
  breached: boolean;
}

export interface QueueEntry {
  conversationId: string;
  customerName: string | null;
  teamId: string | null;
  priority: number;
  queuedAt: Date;
  offeredTo: string | null;
  emotion: unknown;
}

/**
 * The supervisor's wall: a workspace's queues, people, SLA alerts, ratings and waiting customers, each one
 * grouped statement (never one per team, person or conversation), every one scoped to the workspace.
 */
export function supervisorRepository(db: Db) {
  return {
    /** Waiting conversations per queue (conversations_queue_idx). */
    async queues(workspaceId: string): Promise<QueueFigure[]> {
      const { rows } = await sql<{ team_id: string | null; queued: number | string; oldest: unknown }>`
        select team_id, count(*) as queued, min(coalesce(queued_at, created_at)) as oldest
        from conversations
        where workspace_id = ${workspaceId} and status = 'queued'
        group by team_id`.execute(db);
      return rows.map((r) => ({ teamId: r.team_id, queued: num(r.queued), oldestQueuedAt: at(r.oldest) }));
    },

    /**
     * Teams with their members by presence, the online members' capacity, and the conversations those online
     * members serve now. Disabled people are not counted.
     */
    async teams(workspaceId: string): Promise<TeamFigure[]> {
      const { rows } = await sql<{
        id: string;
        key: string | null;
        name: string;
        tier: 1 | 2;
        online: number | string;
        away: number | string;
        offline: number | string;
        capacity: number | string;
        load: number | string;
      }>`
        with served as (
          select assignee_id, count(*) as n from conversations
          where workspace_id = ${workspaceId} and status = 'assigned' and assignee_id is not null
          group by assignee_id
        )
        select t.id, t.key, t.name, t.tier,
          count(u.id) filter (where u.presence = 'online') as online,
          count(u.id) filter (where u.presence = 'away') as away,
          count(u.id) filter (where u.presence = 'offline') as offline,
          coalesce(sum(u.max_concurrent) filter (where u.presence = 'online'), 0) as capacity,
          coalesce(sum(s.n) filter (where u.presence = 'online'), 0) as load
        from teams t
        left join team_members tm on tm.team_id = t.id
        left join users u on u.id = tm.user_id and u.workspace_id = t.workspace_id and u.disabled_at is null
        left join served s on s.assignee_id = u.id
        where t.workspace_id = ${workspaceId}
        group by t.id, t.key, t.name, t.tier
        order by t.tier, t.name`.execute(db);
      return rows.map((r) => ({
        id: r.id,
        key: r.key,
        name: r.name,
        tier: Number(r.tier) as 1 | 2,
        online: num(r.online),
        away: num(r.away),
        offline: num(r.offline),
        capacity: num(r.capacity),
        load: num(r.load),
      }));
    },

    /**
     * People (not disabled) with what they serve, what they are offered, their teams, and since when the
     * customer waiting longest for their answer has waited: the first customer message after the person's last
     * reply (internal notes are not replies), counted from when they took the conversation.
     */
    async agents(workspaceId: string): Promise<AgentFigure[]> {
      const { rows } = await sql<{
        id: string;
        name: string;
        role: AgentFigure['role'];
        presence: AgentFigure['presence'];
        max_concurrent: number;
        load: number | string | null;
        offered: number | string | null;
        team_ids: unknown;
        oldest_unanswered: unknown;
      }>`
        with served as (
          select c.assignee_id, count(*) as n,
            -- greatest() skips nulls: an answered conversation (no first_unanswered) counts as none
            min(case when w.first_unanswered is not null then greatest(w.first_unanswered, c.assigned_at) end)
              as oldest_unanswered
          from conversations c
          left join lateral (
            select min(m.created_at) as first_unanswered from messages m
            where m.conversation_id = c.id and m.author_kind = 'customer'
              and m.created_at > coalesce((select max(a.created_at) from messages a
                where a.conversation_id = c.id and a.author_kind = 'agent' and not a.internal), '-infinity')
          ) w on true
          where c.workspace_id = ${workspaceId} and c.status = 'assigned' and c.assignee_id is not null
          group by c.assignee_id
        ),
        offers as (
          select offered_to, count(*) as n from conversations
          where workspace_id = ${workspaceId} and status = 'queued' and offered_to is not null
          group by offered_to
        ),
        memberships as (
          select tm.user_id, json_agg(tm.team_id order by t.tier, t.name) as team_ids
          from team_members tm join teams t on t.id = tm.team_id
          where t.workspace_id = ${workspaceId}
          group by tm.user_id
        )
        select u.id, u.name, u.role, u.presence, u.max_concurrent,
          s.n as load, o.n as offered, coalesce(ms.team_ids, '[]'::json) as team_ids,
          s.oldest_unanswered
        from users u
        left join served s on s.assignee_id = u.id
        left join offers o on o.offered_to = u.id
        left join memberships ms on ms.user_id = u.id
        where u.workspace_id = ${workspaceId} and u.disabled_at is null
        order by u.name, u.id`.execute(db);
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        role: r.role,
        presence: r.presence,
        maxConcurrent: r.max_concurrent,
        load: num(r.load),
        offered: num(r.offered),
        teamIds: json<string[]>(r.team_ids) ?? [],
        oldestUnansweredAt: at(r.oldest_unanswered),
      }));
    },

    /**
     * Open conversations whose SLA clock still runs and has passed `warningShare` of its time (or the
     * service tick already flagged it), earliest deadline first (conversations_sla_idx).
     */
    async slaAlerts(
      workspaceId: string,
      now: Date,
      warningShare: number,
      limit: number,
    ): Promise<SlaAlert[]> {
      const { rows } = await sql<{
        id: string;
        customer_name: string | null;
        team_id: string | null;
        assignee_id: string | null;
        kind: SlaAlert['kind'];
        due_at: unknown;
      }>`
        with open as (
          select c.id, c.contact_id, c.team_id, c.status, c.assignee_id, c.queued_at, c.sla_flags,
            c.first_response_due_at, c.first_response_at, c.resolution_due_at
          from conversations c
          where c.workspace_id = ${workspaceId} and c.status in ('queued', 'assigned')
            and (c.first_response_due_at is not null or c.resolution_due_at is not null)
        ),
        clocks as (
          select id, contact_id, team_id, status, assignee_id, 'first_response' as kind,
            first_response_due_at as due_at, queued_at, sla_flags
          from open where first_response_due_at is not null and first_response_at is null
          union all
          select id, contact_id, team_id, status, assignee_id, 'resolution' as kind,
            resolution_due_at as due_at, queued_at, sla_flags
          from open where resolution_due_at is not null
        )
        select k.id, ct.name as customer_name, k.team_id,
          case when k.status = 'assigned' then k.assignee_id else null end as assignee_id, k.kind, k.due_at
        from clocks k
        join contacts ct on ct.id = k.contact_id
        where k.due_at <= ${now}
          or (k.queued_at is not null
              and k.queued_at + (k.due_at - k.queued_at) * ${warningShare}::float8 <= ${now})
          or k.sla_flags @> jsonb_build_array(k.kind || ':warning')
          or k.sla_flags @> jsonb_build_array(k.kind || ':breach')
        order by k.due_at, k.id, k.kind
        limit ${limit}`.execute(db);
      return rows.map((r) => {
        const dueAt = at(r.due_at) as Date;
        return {
          conversationId: r.id,
          customerName: r.customer_name,
          teamId: r.team_id,
          assigneeId: r.assignee_id,
          kind: r.kind,
          dueAt,
          breached: dueAt.getTime() <= now.getTime(),
        };
      });
    },

    /** Ratings given since `since`, per team the conversation was in (null: the general queue). */
    async csatSince(
      workspaceId: string,
      since: Date,
    ): Promise<Array<{ teamId: string | null; sum: number; count: number }>> {
      const { rows } = await sql<{ team_id: string | null; total: number | string; n: number | string }>`
        select team_id, sum(csat_score) as total, count(*) as n
        from conversations
        where workspace_id = ${workspaceId} and csat_at >= ${since} and csat_score is not null
        group by team_id`.execute(db);
      return rows.map((r) => ({ teamId: r.team_id, sum: num(r.total), count: num(r.n) }));
    },

    /**
     * The first `limit` waiting customers in queue order (priority plus one point per `agingSeconds` waited,
     * then arrival), across every queue of the workspace.
     */
    async queue(workspaceId: string, now: Date, agingSeconds: number, limit: number): Promise<QueueEntry[]> {
      const { rows } = await sql<{
        id: string;
        customer_name: string | null;
        team_id: string | null;
        priority: number;
        queued_at: unknown;
        offered_to: string | null;
        emotion: unknown;
      }>`
        select c.id, ct.name as customer_name, c.team_id, c.priority,
          coalesce(c.queued_at, c.created_at) as queued_at, c.offered_to, c.emotion
        from conversations c
        join contacts ct on ct.id = c.contact_id
        where c.workspace_id = ${workspaceId} and c.status = 'queued'
        order by c.priority + greatest(0, extract(epoch from (${now}::timestamptz - coalesce(c.queued_at, c.created_at))))
                   / ${agingSeconds}::float8 desc,
          coalesce(c.queued_at, c.created_at), c.id
        limit ${limit}`.execute(db);
      return rows.map((r) => ({
        conversationId: r.id,
        customerName: r.customer_name,
        teamId: r.team_id,
        priority: r.priority,
        queuedAt: at(r.queued_at) as Date,
        offeredTo: r.offered_to,
        emotion: json(r.emotion) ?? null,
      }));
    },
  };
}
export type SupervisorRepository = ReturnType<typeof supervisorRepository>;
