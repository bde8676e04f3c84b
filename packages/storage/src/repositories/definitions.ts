import type { Db } from '../database.ts';

export type DefinitionKind = 'flow' | 'rules' | 'settings';

export interface DefinitionVersion {
  key: string;
  version: number;
  source: string;
  format: 'json' | 'yaml';
  createdBy: string | null;
  createdAt: Date;
  active: boolean;
}

interface VersionRow {
  key: string;
  version: number;
  source: string;
  format: 'json' | 'yaml';
  created_by: string | null;
  created_at: Date;
}

const toVersion = (r: VersionRow, active: boolean): DefinitionVersion => ({
  key: r.key,
  version: r.version,
  source: r.source,
  format: r.format,
  createdBy: r.created_by,
  createdAt: r.created_at,
  active,
});

/**
 * Versioned bot definitions of a workspace (flows, rules, settings). Saving adds a version and makes it
 * active; rolling back points the head at an earlier version. Nothing is ever overwritten.
 */
export function definitionRepository(db: Db, inTransaction: <T>(work: (db: Db) => Promise<T>) => Promise<T>) {
  return {
    /** the active version of each key of a kind */
    async listActive(workspaceId: string, kind: DefinitionKind): Promise<DefinitionVersion[]> {
      const rows = await db
        .selectFrom('bot_definition_heads as h')
        .innerJoin('bot_definitions as d', (join) =>
          join
            .onRef('d.workspace_id', '=', 'h.workspace_id')
            .onRef('d.kind', '=', 'h.kind')
            .onRef('d.key', '=', 'h.key')
            .onRef('d.version', '=', 'h.active_version'),
        )
        .select(['d.key', 'd.version', 'd.source', 'd.format', 'd.created_by', 'd.created_at'])
        .where('h.workspace_id', '=', workspaceId)
        .where('h.kind', '=', kind)
        .orderBy('d.key')
        .execute();
      return rows.map((r) => toVersion(r, true));
    },
    /** the newest version of each key of a kind that is switched off (no active version) */
    async listSwitchedOff(workspaceId: string, kind: DefinitionKind): Promise<DefinitionVersion[]> {
      const rows = await db
        .selectFrom('bot_definition_heads as h')
        .innerJoin('bot_definitions as d', (join) =>
          join
            .onRef('d.workspace_id', '=', 'h.workspace_id')
            .onRef('d.kind', '=', 'h.kind')
            .onRef('d.key', '=', 'h.key'),
        )
        .select(['d.key', 'd.version', 'd.source', 'd.format', 'd.created_by', 'd.created_at'])
        .where('h.workspace_id', '=', workspaceId)
        .where('h.kind', '=', kind)
        .where('h.active_version', 'is', null)
        .where(({ eb, selectFrom }) =>
          eb(
            'd.version',
            '=',
            selectFrom('bot_definitions as n')
              .select(({ fn }) => fn.max('n.version').as('latest'))
              .whereRef('n.workspace_id', '=', 'd.workspace_id')
              .whereRef('n.kind', '=', 'd.kind')
              .whereRef('n.key', '=', 'd.key'),
          ),
        )
        .orderBy('d.key')
        .execute();
      return rows.map((r) => toVersion(r, false));
    },
    async history(workspaceId: string, kind: DefinitionKind, key: string): Promise<DefinitionVersion[]> {
      const head = await db
        .selectFrom('bot_definition_heads')
        .select('active_version')
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('key', '=', key)
        .executeTakeFirst();
      const rows = await db
        .selectFrom('bot_definitions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('key', '=', key)
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => toVersion(r, head?.active_version === r.version));
    },
    /** stores a new version and makes it the active one; returns its number */
    async save(input: {
      workspaceId: string;
      kind: DefinitionKind;
      key: string;
      source: string;
      format: 'json' | 'yaml';
      createdBy: string | null;
    }): Promise<number> {
      return inTransaction(async (tx) => {
        // lock the head row (or create it) so concurrent saves get distinct versions
        await tx
          .insertInto('bot_definition_heads')
          .values({ workspace_id: input.workspaceId, kind: input.kind, key: input.key, active_version: null })
          .onConflict((oc) =>
            oc.columns(['workspace_id', 'kind', 'key']).doUpdateSet({ updated_at: new Date() }),
          )
          .execute();
        const last = await tx
          .selectFrom('bot_definitions')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('workspace_id', '=', input.workspaceId)
          .where('kind', '=', input.kind)
          .where('key', '=', input.key)
          .executeTakeFirst();
        const version = Number(last?.v ?? 0) + 1;
        await tx
          .insertInto('bot_definitions')
          .values({
            workspace_id: input.workspaceId,
            kind: input.kind,
            key: input.key,
            version,
            source: input.source,
            format: input.format,
            created_by: input.createdBy,
          })
          .execute();
        await tx
          .updateTable('bot_definition_heads')
          .set({ active_version: version, updated_at: new Date() })
          .where('workspace_id', '=', input.workspaceId)
          .where('kind', '=', input.kind)
          .where('key', '=', input.key)
          .execute();
        return version;
      });
    },
    /** points the head at `version`; false when that version does not exist */
    async activate(
      workspaceId: string,
      kind: DefinitionKind,
      key: string,
      version: number | null,
    ): Promise<boolean> {
      if (version !== null) {
        const exists = await db
          .selectFrom('bot_definitions')
          .select('version')
          .where('workspace_id', '=', workspaceId)
          .where('kind', '=', kind)
          .where('key', '=', key)
          .where('version', '=', version)
          .executeTakeFirst();
        if (!exists) return false;
      }
      const result = await db
        .updateTable('bot_definition_heads')
        .set({ active_version: version, updated_at: new Date() })
        .where('workspace_id', '=', workspaceId)
        .where('kind', '=', kind)
        .where('key', '=', key)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
export type DefinitionRepository = ReturnType<typeof definitionRepository>;
