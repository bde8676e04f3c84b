import { randomUUID } from 'node:crypto';
import type { Team, TeamInput, TeamRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import type { TeamRow } from '../schema.ts';
import { toTeam } from './mappers.ts';

/** PostgreSQL's unique_violation: a team name or key already used in the workspace. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

export function teamRepository(
  db: Db,
  atomically: <T>(work: (db: Db) => Promise<T>) => Promise<T>,
): TeamRepository {
  const withMembers = async (rows: TeamRow[]): Promise<Team[]> => {
    if (rows.length === 0) return [];
    const members = await db
      .selectFrom('team_members')
      .select(['team_id', 'user_id'])
      .where(
        'team_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byTeam = new Map<string, string[]>();
    for (const m of members) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.user_id]);
    return rows.map((row) => toTeam(row, byTeam.get(row.id) ?? []));
  };

  /** members must be staff of the same workspace: others are ignored */
  const setMembers = async (tx: Db, workspaceId: string, teamId: string, memberIds: string[]) => {
    await tx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
    if (memberIds.length === 0) return;
    const staff = await tx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', memberIds)
      .execute();
    if (staff.length === 0) return;
    await tx
      .insertInto('team_members')
      .values(staff.map((u) => ({ team_id: teamId, user_id: u.id })))
      .execute();
  };

  const columns = (input: TeamInput) => ({
    name: input.name,
    key: input.key,
    tier: input.tier,
    strategy: input.strategy,
    offer_timeout_seconds: input.offerTimeoutSeconds,
    offline_grace_seconds: input.offlineGraceSeconds,
    hours: input.hours ? JSON.stringify(input.hours) : null,
    sla: input.sla ? JSON.stringify(input.sla) : null,
    nudge_seconds: input.nudgeSeconds,
    requeue_after_nudge_seconds: input.requeueAfterNudgeSeconds,
    // a fallback must be another team of the same workspace (checked by the service)
    fallback_team_id: input.fallbackTeamId,
  });

  const repo: TeamRepository = {
    async listByWorkspace(workspaceId) {
      const rows = await db
        .selectFrom('teams')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('tier')
        .orderBy('name')
        .execute();
      return withMembers(rows);
    },
    async findById(workspaceId, id) {
      const row = await db
        .selectFrom('teams')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? ((await withMembers([row]))[0] ?? null) : null;
    },
    async create(workspaceId, input) {
      try {
        const id = await atomically(async (tx) => {
          const teamId = randomUUID();
          await tx
            .insertInto('teams')
            .values({ id: teamId, workspace_id: workspaceId, ...columns(input) })
            .execute();
          await setMembers(tx, workspaceId, teamId, input.memberIds);
          return teamId;
        });
        return repo.findById(workspaceId, id);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async update(workspaceId, id, input) {
      try {
        const found = await atomically(async (tx) => {
          const updated = await tx
            .updateTable('teams')
            .set(columns(input))
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', id)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) return false;
          await setMembers(tx, workspaceId, id, input.memberIds);
          return true;
        });
        if (!found) return undefined;
        return repo.findById(workspaceId, id);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async delete(workspaceId, id) {
      const result = await db
        .deleteFrom('teams')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
  return repo;
}
