import { randomUUID } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../database.ts';
import type { CannedReplyTable } from '../schema.ts';
import { ilikeContains } from './like.ts';

type Scope = CannedReplyTable['scope'];
type Named = { id: string; name: string } | null;

/** A canned reply with the names of its team, its owner and who wrote it. */
export interface CannedReplyRecord {
  id: string;
  workspaceId: string;
  scope: Scope;
  owner: Named;
  team: Named;
  shortcut: string;
  title: string;
  body: string;
  lang: 'zh' | 'en' | null;
  createdBy: Named;
  createdAt: Date;
  updatedAt: Date;
}

/** What is saved: the owner of a personal reply, the team of a team reply (null otherwise). */
export interface CannedReplyInput {
  scope: Scope;
  ownerUserId: string | null;
  teamId: string | null;
  shortcut: string;
  title: string;
  body: string;
  lang: 'zh' | 'en' | null;
}

/** Which replies a list holds: one person's personal ones, team ones (of a member's teams, all, none), the workspace's. */
export interface CannedReplyFilter {
  personalOf: string;
  teams: { memberId: string } | 'all' | 'none';
  workspace: boolean;
  /** in the shortcut, title or body (case-insensitive) */
  text?: string | undefined;
  /** replies in this language or for any language */
  lang?: 'zh' | 'en' | undefined;
  limit: number;
}

/** `conflict`: the shortcut is already used in that scope; `missing`: no such reply (any more). */
export type CannedReplySave =
  | { kind: 'saved'; reply: CannedReplyRecord }
  | { kind: 'conflict' }
  | { kind: 'missing' };

/** PostgreSQL's unique_violation: the shortcut is taken in its scope. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505';

const named = (id: string | null, name: string | null): Named => (id && name !== null ? { id, name } : null);

export function cannedReplyRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('canned_replies as r')
      .leftJoin('teams as t', 't.id', 'r.team_id')
      .leftJoin('users as o', 'o.id', 'r.owner_user_id')
      .leftJoin('users as w', 'w.id', 'r.created_by')
      .selectAll('r')
      .select(['t.name as team_name', 'o.name as owner_name', 'w.name as created_by_name']);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  const toRecord = (row: Row): CannedReplyRecord => ({
    id: row.id,
    workspaceId: row.workspace_id,
    scope: row.scope,
    owner: named(row.owner_user_id, row.owner_name),
    team: named(row.team_id, row.team_name),
    shortcut: row.shortcut,
    title: row.title,
    body: row.body,
    lang: row.lang,
    createdBy: named(row.created_by, row.created_by_name),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const findById = async (workspaceId: string, id: string): Promise<CannedReplyRecord | null> => {
    const row = await base()
      .where('r.workspace_id', '=', workspaceId)
      .where('r.id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  };

  const columns = (input: CannedReplyInput) => ({
    scope: input.scope,
    owner_user_id: input.scope === 'personal' ? input.ownerUserId : null,
    team_id: input.scope === 'team' ? input.teamId : null,
    shortcut: input.shortcut,
    title: input.title,
    body: input.body,
    lang: input.lang,
  });

  return {
    findById,

    /** personal first, then team, then workspace replies; each by shortcut */
    async list(workspaceId: string, filter: CannedReplyFilter): Promise<CannedReplyRecord[]> {
      const rows = await base()
        .where('r.workspace_id', '=', workspaceId)
        .where((eb) => {
          const visible: Expression<SqlBool>[] = [
            eb.and([eb('r.scope', '=', 'personal'), eb('r.owner_user_id', '=', filter.personalOf)]),
          ];
          const { teams } = filter;
          if (teams === 'all') visible.push(eb('r.scope', '=', 'team'));
          else if (teams !== 'none')
            visible.push(
              eb.and([
                eb('r.scope', '=', 'team'),
                eb(
                  'r.team_id',
                  'in',
                  eb.selectFrom('team_members').select('team_id').where('user_id', '=', teams.memberId),
                ),
              ]),
            );
          if (filter.workspace) visible.push(eb('r.scope', '=', 'workspace'));
          return eb.or(visible);
        })
        .$if(filter.text !== undefined, (query) =>
          query.where((eb) =>
            eb.or(
              (['r.shortcut', 'r.title', 'r.body'] as const).map((column) =>
                ilikeContains(eb.ref(column), filter.text as string),
              ),
            ),
          ),
        )
        .$if(filter.lang !== undefined, (query) =>
          query.where((eb) => eb.or([eb('r.lang', '=', filter.lang ?? null), eb('r.lang', 'is', null)])),
        )
        .orderBy(sql`case r.scope when 'personal' then 0 when 'team' then 1 else 2 end`)
        .orderBy(sql`lower(r.shortcut)`)
        .orderBy('r.id')
        .limit(filter.limit)
        .execute();
      return rows.map(toRecord);
    },

    async create(
      workspaceId: string,
      createdBy: string | null,
      input: CannedReplyInput,
    ): Promise<CannedReplySave> {
      const id = randomUUID();
      try {
        await db
          .insertInto('canned_replies')
          .values({ id, workspace_id: workspaceId, created_by: createdBy, ...columns(input) })
          .execute();
      } catch (error) {
        if (isUniqueViolation(error)) return { kind: 'conflict' };
        throw error;
      }
      const reply = await findById(workspaceId, id);
      return reply ? { kind: 'saved', reply } : { kind: 'missing' };
    },

    async update(workspaceId: string, id: string, input: CannedReplyInput): Promise<CannedReplySave> {
      let updated: number;
      try {
        const result = await db
          .updateTable('canned_replies')
          .set({ ...columns(input), updated_at: new Date() })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .executeTakeFirst();
        updated = Number(result.numUpdatedRows);
      } catch (error) {
        if (isUniqueViolation(error)) return { kind: 'conflict' };
        throw error;
      }
      const reply = updated > 0 ? await findById(workspaceId, id) : null;
      return reply ? { kind: 'saved', reply } : { kind: 'missing' };
    },

    async remove(workspaceId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('canned_replies')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** whether the workspace has any reply of these scopes (the demo's are seeded only into none) */
    async hasAny(workspaceId: string, scopes: readonly Scope[]): Promise<boolean> {
      const row = await db
        .selectFrom('canned_replies')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('scope', 'in', [...scopes])
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
export type CannedReplyRepository = ReturnType<typeof cannedReplyRepository>;
