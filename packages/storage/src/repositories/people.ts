import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

/** A staff account as admins manage it. */
export interface PersonRecord {
  id: string;
  workspaceId: string;
  name: string;
  email: string;
  role: 'admin' | 'supervisor' | 'agent' | 'expert';
  disabled: boolean;
  teamIds: string[];
  maxConcurrent: number;
  skills: string[];
  languages: Array<'zh' | 'en'>;
  presence: 'online' | 'away' | 'offline';
  lastLoginAt: Date | null;
  mustChangePassword: boolean;
}

export interface PersonPatch {
  name?: string;
  role?: PersonRecord['role'];
  disabled?: boolean;
  maxConcurrent?: number;
  skills?: string[];
  languages?: Array<'zh' | 'en'>;
}

/** PostgreSQL's unique_violation: the e-mail address (`users_email_key`) is taken. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

const at = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(value as string);

/**
 * People administration: staff accounts with their teams, role, disabled flag and password state. Every
 * statement is scoped to the workspace; callers run changes in a transaction (`SqlStore.transaction`).
 */
export function peopleRepository(db: Db) {
  const select = (workspaceId: string) =>
    db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.workspace_id',
        'u.name',
        'u.email',
        'u.role',
        'u.disabled_at',
        'u.max_concurrent',
        'u.skills',
        'u.languages',
        'u.presence',
        'u.last_login_at',
        'u.password_temporary',
        // their teams (of this workspace), in one statement with the people
        sql<string[] | string>`coalesce((select json_agg(tm.team_id order by tm.team_id) from team_members tm
          join teams t on t.id = tm.team_id and t.workspace_id = u.workspace_id where tm.user_id = u.id), '[]'::json)`.as(
          'team_ids',
        ),
      ])
      .where('u.workspace_id', '=', workspaceId);

  type Row = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
  const toPerson = (row: Row): PersonRecord => ({
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: row.disabled_at !== null,
    teamIds: json<string[]>(row.team_ids) ?? [],
    maxConcurrent: row.max_concurrent,
    skills: json<string[]>(row.skills) ?? [],
    languages: json<Array<'zh' | 'en'>>(row.languages) ?? ['zh', 'en'],
    presence: row.presence,
    lastLoginAt: at(row.last_login_at),
    mustChangePassword: row.password_temporary,
  });

  return {
    async list(workspaceId: string): Promise<PersonRecord[]> {
      const rows = await select(workspaceId).orderBy('u.name').orderBy('u.id').execute();
      return rows.map(toPerson);
    },

    async findOne(workspaceId: string, id: string): Promise<PersonRecord | null> {
      const row = await select(workspaceId).where('u.id', '=', id).executeTakeFirst();
      return row ? toPerson(row) : null;
    },

    /** Creates the account; null when the e-mail address is taken (by anyone: it is the sign-in). */
    async create(input: {
      workspaceId: string;
      name: string;
      email: string;
      role: PersonRecord['role'];
      locale: 'zh' | 'en';
      maxConcurrent: number;
      passwordHash: string;
    }): Promise<string | null> {
      const id = randomUUID();
      try {
        await db
          .insertInto('users')
          .values({
            id,
            workspace_id: input.workspaceId,
            email: input.email,
            name: input.name,
            role: input.role,
            locale: input.locale,
            max_concurrent: input.maxConcurrent,
            password_hash: input.passwordHash,
            password_temporary: true,
          })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
      return id;
    },

    /** Of `teamIds`, those that are teams of the workspace. */
    async existingTeams(workspaceId: string, teamIds: readonly string[]): Promise<string[]> {
      if (teamIds.length === 0) return [];
      const rows = await db
        .selectFrom('teams')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...teamIds])
        .execute();
      return rows.map((r) => r.id);
    },

    /** Makes the person a member of exactly these teams of the workspace. */
    async setTeams(workspaceId: string, userId: string, teamIds: readonly string[]): Promise<void> {
      await db
        .deleteFrom('team_members')
        .where('user_id', '=', userId)
        .where('team_id', 'in', (eb) =>
          eb.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId),
        )
        .execute();
      if (teamIds.length === 0) return;
      await db
        .insertInto('team_members')
        .values(teamIds.map((teamId) => ({ team_id: teamId, user_id: userId })))
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
        .execute();
    },

    /**
     * The workspace's active admins, their rows locked until the transaction ends: two admins changing each
     * other at once are serialised, so the last admin cannot be removed by a race.
     */
    async lockActiveAdmins(workspaceId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .orderBy('id')
        // not FOR UPDATE: rows pointing at these people (a conversation's assignee) need not wait
        .forNoKeyUpdate()
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Applies the changes. Disabling also makes them offline (not offered anything) and ends the grace period
     * at once. False when no such person is in the workspace.
     */
    async update(workspaceId: string, id: string, patch: PersonPatch): Promise<boolean> {
      const changes = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.maxConcurrent !== undefined ? { max_concurrent: patch.maxConcurrent } : {}),
        ...(patch.skills !== undefined ? { skills: JSON.stringify(patch.skills) } : {}),
        ...(patch.languages !== undefined ? { languages: JSON.stringify(patch.languages) } : {}),
        ...(patch.disabled === true
          ? {
              disabled_at: sql<Date>`coalesce(disabled_at, now())`,
              presence: 'offline' as const,
              presence_auto: false,
              presence_changed_at: sql<Date>`case when presence = 'offline' then presence_changed_at else now() end`,
            }
          : patch.disabled === false
            ? { disabled_at: null }
            : {}),
      };
      if (Object.keys(changes).length === 0) {
        // nothing of the account itself changes (only teams, say): whether it exists
        const row = await db
          .selectFrom('users')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .executeTakeFirst();
        return row !== undefined;
      }
      const result = await db
        .updateTable('users')
        .set(changes)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Sets a new password hash; `temporary` when an admin set it (shown to them once). */
    async setPassword(workspaceId: string, id: string, passwordHash: string, temporary: boolean) {
      const result = await db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_temporary: temporary })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The stored password hash of a person (to check their current password when they change it). */
    async passwordHash(id: string): Promise<string | null> {
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.password_hash ?? null;
    },

    /** Ends the person's sessions (all, or all but one); the hashes of those ended (to close their sockets). */
    async revokeSessions(userId: string, keepTokenHash?: string): Promise<string[]> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepTokenHash) query = query.where('token_hash', '!=', keepTokenHash);
      const rows = await query.returning('token_hash').execute();
      return rows.map((r) => r.token_hash);
    },

    async recordLogin(userId: string): Promise<void> {
      await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', userId).execute();
    },
  };
}
export type PeopleRepository = ReturnType<typeof peopleRepository>;
