import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

export interface KnowledgeEntryRecord {
  id: string;
  category: string;
  questions: { zh: string[]; en: string[] };
  answer: { zh: string; en: string };
  related: string[];
  /** false: kept and versioned, but the bot does not answer from it */
  enabled: boolean;
}

/** An entry to store where `enabled` may be left out (a new entry is enabled, an existing one keeps its own). */
export type KnowledgeEntryInput = Omit<KnowledgeEntryRecord, 'enabled'> & { enabled?: boolean | undefined };

export type KnowledgeChangeKind = 'create' | 'update' | 'delete' | 'enable' | 'disable' | 'rollback';

/** One change to apply: the entry after it (for `delete`: the entry as it is deleted). */
export interface KnowledgeWrite {
  change: KnowledgeChangeKind;
  entry: KnowledgeEntryRecord;
  /** for `rollback`: the version restored */
  restoredFrom?: number | null;
}

export interface KnowledgeVersionRecord {
  entryId: string;
  version: number;
  change: KnowledgeChangeKind;
  via: 'edit' | 'import';
  restoredFrom: number | null;
  entry: KnowledgeEntryRecord;
  by: { id: string; name: string } | null;
  at: Date;
}

/** Rows per statement when many entries are written at once (an import): well under PostgreSQL's parameter limit. */
const CHUNK = 500;

const chunks = <T>(list: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
};

interface EntryRow {
  id: string;
  category: string;
  questions: unknown;
  answer: unknown;
  related: unknown;
  enabled: boolean;
}

const toEntry = (row: EntryRow): KnowledgeEntryRecord => ({
  id: row.id,
  category: row.category,
  questions: json(row.questions),
  answer: json(row.answer),
  related: json(row.related),
  enabled: row.enabled,
});

/** The whole entry as a version stores it (always the same key order, so equal entries compare equal). */
export const knowledgeSnapshot = (entry: KnowledgeEntryRecord): KnowledgeEntryRecord => ({
  id: entry.id,
  category: entry.category,
  questions: { zh: [...entry.questions.zh], en: [...entry.questions.en] },
  answer: { zh: entry.answer.zh, en: entry.answer.en },
  related: [...entry.related],
  enabled: entry.enabled,
});

/** Same content: what a save that changes nothing is recognised by. */
export const sameKnowledgeEntry = (a: KnowledgeEntryRecord, b: KnowledgeEntryRecord): boolean =>
  JSON.stringify(knowledgeSnapshot(a)) === JSON.stringify(knowledgeSnapshot(b));

interface VersionRow {
  entry_id: string;
  version: number;
  change: KnowledgeChangeKind;
  via: 'edit' | 'import';
  restored_from: number | null;
  snapshot: unknown;
  created_by: string | null;
  created_at: Date;
  by_name: string | null;
}

const toVersion = (row: VersionRow): KnowledgeVersionRecord => ({
  entryId: row.entry_id,
  version: row.version,
  change: row.change,
  via: row.via,
  restoredFrom: row.restored_from,
  entry: knowledgeSnapshot(json<KnowledgeEntryRecord>(row.snapshot)),
  by: row.created_by ? { id: row.created_by, name: row.by_name ?? '' } : null,
  at: row.created_at,
});

/**
 * A workspace's FAQ knowledge base and the history of every entry. Every write goes through `write`, which
 * stores the entries and one version per change in one transaction; versions count per entry from 1 and go
 * on after a delete (a restored entry continues its history).
 */
export function knowledgeRepository(db: Db) {
  const atomically = <T>(work: (db: Db) => Promise<T>): Promise<T> =>
    db.isTransaction ? work(db) : db.transaction().execute(work);

  const selectVersions = (q: Db) =>
    q
      .selectFrom('knowledge_versions as v')
      .leftJoin('users as u', 'u.id', 'v.created_by')
      .select([
        'v.entry_id',
        'v.version',
        'v.change',
        'v.via',
        'v.restored_from',
        'v.snapshot',
        'v.created_by',
        'v.created_at',
        'u.name as by_name',
      ]);

  /** Serialises knowledge writes of a workspace until the transaction ends (not the workspace's other rows). */
  const lock = async (q: Db, workspaceId: string): Promise<void> => {
    await q.selectFrom('workspaces').select('id').where('id', '=', workspaceId).forNoKeyUpdate().execute();
  };

  const latest = async (q: Db, workspaceId: string, ids: string[]): Promise<Map<string, number>> => {
    const out = new Map<string, number>();
    for (const part of chunks(ids)) {
      if (part.length === 0) continue;
      const rows = await q
        .selectFrom('knowledge_versions')
        .select(['entry_id', (eb) => eb.fn.max('version').as('v')])
        .where('workspace_id', '=', workspaceId)
        .where('entry_id', 'in', part)
        .groupBy('entry_id')
        .execute();
      for (const row of rows) out.set(row.entry_id, Number(row.v));
    }
    return out;
  };

  const repo = {
    /** every entry, enabled or not, by id */
    async list(workspaceId: string): Promise<KnowledgeEntryRecord[]> {
      const rows = await db
        .selectFrom('knowledge_entries')
        .select(['id', 'category', 'questions', 'answer', 'related', 'enabled'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('id')
        .execute();
      return rows.map(toEntry);
    },
    async find(workspaceId: string, id: string): Promise<KnowledgeEntryRecord | null> {
      const row = await db
        .selectFrom('knowledge_entries')
        .select(['id', 'category', 'questions', 'answer', 'related', 'enabled'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    /** Inside a transaction: no other knowledge write of the workspace runs until it ends. */
    lock(workspaceId: string): Promise<void> {
      return lock(db, workspaceId);
    },
    /** the newest version number of each entry that has any */
    latestVersions(workspaceId: string, ids: string[]): Promise<Map<string, number>> {
      return latest(db, workspaceId, ids);
    },
    /**
     * Applies the changes and records a version of each, all or nothing; returns the versions in the order
     * of `writes`. One change per entry per call.
     */
    async write(
      workspaceId: string,
      writes: KnowledgeWrite[],
      meta: { actor: string | null; via: 'edit' | 'import' },
    ): Promise<KnowledgeVersionRecord[]> {
      if (writes.length === 0) return [];
      const ids = writes.map((w) => w.entry.id);
      if (new Set(ids).size !== ids.length) throw new Error('one change per knowledge entry per write');
      return atomically(async (tx) => {
        await lock(tx, workspaceId);
        const last = await latest(tx, workspaceId, ids);
        const now = new Date();
        const saved = writes.filter((w) => w.change !== 'delete');
        for (const part of chunks(saved)) {
          await tx
            .insertInto('knowledge_entries')
            .values(
              part.map(({ entry }) => ({
                workspace_id: workspaceId,
                id: entry.id,
                category: entry.category,
                questions: JSON.stringify(entry.questions),
                answer: JSON.stringify(entry.answer),
                related: JSON.stringify(entry.related),
                enabled: entry.enabled,
                updated_at: now,
              })),
            )
            .onConflict((oc) =>
              oc.columns(['workspace_id', 'id']).doUpdateSet({
                category: (eb) => eb.ref('excluded.category'),
                questions: (eb) => eb.ref('excluded.questions'),
                answer: (eb) => eb.ref('excluded.answer'),
                related: (eb) => eb.ref('excluded.related'),
                enabled: (eb) => eb.ref('excluded.enabled'),
                updated_at: (eb) => eb.ref('excluded.updated_at'),
              }),
            )
            .execute();
        }
        const removed = writes.filter((w) => w.change === 'delete').map((w) => w.entry.id);
        for (const part of chunks(removed)) {
          await tx
            .deleteFrom('knowledge_entries')
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', part)
            .execute();
        }
        const rows = writes.map((w) => ({
          workspace_id: workspaceId,
          entry_id: w.entry.id,
          version: (last.get(w.entry.id) ?? 0) + 1,
          change: w.change,
          via: meta.via,
          restored_from: w.restoredFrom ?? null,
          snapshot: JSON.stringify(knowledgeSnapshot(w.entry)),
          created_by: meta.actor,
          created_at: now,
        }));
        for (const part of chunks(rows)) await tx.insertInto('knowledge_versions').values(part).execute();
        const name = meta.actor
          ? ((await tx.selectFrom('users').select('name').where('id', '=', meta.actor).executeTakeFirst())
              ?.name ?? '')
          : '';
        return rows.map((row, i) => ({
          entryId: row.entry_id,
          version: row.version,
          change: row.change,
          via: meta.via,
          restoredFrom: row.restored_from,
          entry: knowledgeSnapshot((writes[i] as KnowledgeWrite).entry),
          by: meta.actor ? { id: meta.actor, name } : null,
          at: now,
        }));
      });
    },
    /**
     * Creates or replaces entries (the demo seed), recording a version of each one that changes; entries
     * whose `enabled` is left out keep theirs (new ones are enabled).
     */
    async upsertMany(
      workspaceId: string,
      entries: KnowledgeEntryInput[],
      actor: string | null = null,
    ): Promise<void> {
      await atomically(async (tx) => {
        await lock(tx, workspaceId);
        const current = new Map((await knowledgeRepository(tx).list(workspaceId)).map((e) => [e.id, e]));
        const writes: KnowledgeWrite[] = [];
        for (const input of entries) {
          const before = current.get(input.id);
          const entry = knowledgeSnapshot({ ...input, enabled: input.enabled ?? before?.enabled ?? true });
          if (before && sameKnowledgeEntry(before, entry)) continue;
          writes.push({ change: before ? 'update' : 'create', entry });
        }
        await knowledgeRepository(tx).write(workspaceId, writes, { actor, via: 'edit' });
      });
    },
    /** every version of an entry, newest first (also of a deleted entry) */
    async versions(workspaceId: string, id: string): Promise<KnowledgeVersionRecord[]> {
      const rows = await selectVersions(db)
        .where('v.workspace_id', '=', workspaceId)
        .where('v.entry_id', '=', id)
        .orderBy('v.version', 'desc')
        .execute();
      return rows.map(toVersion);
    },
    async version(workspaceId: string, id: string, version: number): Promise<KnowledgeVersionRecord | null> {
      const row = await selectVersions(db)
        .where('v.workspace_id', '=', workspaceId)
        .where('v.entry_id', '=', id)
        .where('v.version', '=', version)
        .executeTakeFirst();
      return row ? toVersion(row) : null;
    },
    /** the workspace's latest changes of any entry, newest first */
    async recentChanges(workspaceId: string, limit: number): Promise<KnowledgeVersionRecord[]> {
      const rows = await selectVersions(db)
        .where('v.workspace_id', '=', workspaceId)
        .orderBy('v.created_at', 'desc')
        .orderBy('v.entry_id')
        .orderBy('v.version', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toVersion);
    },
    /** categories in use, with how many entries each has */
    async categories(workspaceId: string): Promise<Array<{ category: string; entries: number }>> {
      const rows = await db
        .selectFrom('knowledge_entries')
        .select(['category', sql<string>`count(*)`.as('n')])
        .where('workspace_id', '=', workspaceId)
        .groupBy('category')
        .orderBy('category')
        .execute();
      return rows.map((r) => ({ category: r.category, entries: Number(r.n) }));
    },
  };
  return repo;
}
export type KnowledgeRepository = ReturnType<typeof knowledgeRepository>;
