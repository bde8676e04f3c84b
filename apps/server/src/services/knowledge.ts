import { DomainError, type User } from '@tandem/domain';
import {
  builtInKnowledgeCategories,
  type KnowledgeCategory,
  type KnowledgeDiff,
  type KnowledgeEntryBody,
  type KnowledgeVersion,
} from '@tandem/protocol';
import {
  type KnowledgeChangeKind,
  type KnowledgeEntryRecord,
  type KnowledgeVersionRecord,
  knowledgeSnapshot,
  type SqlStore,
  sameKnowledgeEntry,
} from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { changedFields, diffEntries } from './knowledgeDiff.ts';

const mayEdit = (user: User) => user.role === 'admin' || user.role === 'supervisor';

export function assertMayEditKnowledge(user: User): void {
  if (!mayEdit(user))
    throw new DomainError('forbidden', 'only admins and supervisors may change the knowledge base');
}

export const presentVersion = (v: KnowledgeVersionRecord): KnowledgeVersion => ({
  entryId: v.entryId,
  version: v.version,
  change: v.change,
  via: v.via,
  restoredFrom: v.restoredFrom,
  entry: v.entry,
  by: v.by,
  at: v.at.toISOString(),
});

/** What kind of change turns `before` into `after` (null: nothing changes). */
export function changeKind(
  before: KnowledgeEntryRecord | null,
  after: KnowledgeEntryRecord,
): KnowledgeChangeKind | null {
  if (!before) return 'create';
  const fields = changedFields(before, after);
  if (fields.length === 0) return null;
  if (fields.length === 1 && fields[0] === 'enabled') return after.enabled ? 'enable' : 'disable';
  return 'update';
}

/**
 * Staff change what the bot knows; every change is a version of the entry (who, when, the whole entry), and
 * the workspace's bot is retrained in the background and swapped in. A change answers with the bot's status
 * (`training` until it is live: live once `liveVersion` reaches `bot.version`); staff consoles are told when
 * it is live or failed (`bot:status`), and `GET /api/admin/bot/status` says so too. A save that changes
 * nothing records no version and retrains nothing (`version: null`, the bot's status as it is).
 */
export async function listKnowledge(ctx: AppContext, user: User) {
  return { entries: await ctx.store.knowledge.list(user.workspaceId) };
}

/** One change of one entry, under the workspace's knowledge lock; retrains when something changed. */
async function changeEntry(
  ctx: AppContext,
  user: User,
  id: string,
  next: (
    tx: SqlStore,
    before: KnowledgeEntryRecord | null,
  ) => Promise<{
    entry: KnowledgeEntryRecord;
    change: KnowledgeChangeKind | null;
    restoredFrom?: number;
  }>,
) {
  const workspaceId = user.workspaceId;
  const done = await ctx.store.transaction(async (tx) => {
    await tx.knowledge.lock(workspaceId);
    const before = await tx.knowledge.find(workspaceId, id);
    const { entry, change, restoredFrom } = await next(tx, before);
    if (change === null) return { entry, version: null };
    const [version] = await tx.knowledge.write(
      workspaceId,
      [{ change, entry, restoredFrom: restoredFrom ?? null }],
      { actor: user.id, via: 'edit' },
    );
    return { entry, version: version ?? null };
  });
  if (done.version) ctx.bots.rebuild(workspaceId);
  return {
    entry: done.entry,
    version: done.version ? presentVersion(done.version) : null,
    bot: ctx.bots.status(workspaceId),
  };
}

export async function saveKnowledgeEntry(ctx: AppContext, user: User, id: string, body: KnowledgeEntryBody) {
  assertMayEditKnowledge(user);
  if (body.id !== id)
    throw new DomainError('bad_request', `the entry's id "${body.id}" differs from the path's "${id}"`);
  return changeEntry(ctx, user, id, async (_tx, before) => {
    const entry = knowledgeSnapshot({ ...body, enabled: body.enabled ?? before?.enabled ?? true });
    return { entry, change: changeKind(before, entry) };
  });
}

export async function setKnowledgeEntryEnabled(ctx: AppContext, user: User, id: string, enabled: boolean) {
  assertMayEditKnowledge(user);
  return changeEntry(ctx, user, id, async (_tx, before) => {
    if (!before) throw new DomainError('not_found', `no entry ${id}`);
    const entry = { ...before, enabled };
    return { entry, change: changeKind(before, entry) };
  });
}

export async function removeKnowledgeEntry(ctx: AppContext, user: User, id: string) {
  assertMayEditKnowledge(user);
  const { version, bot } = await changeEntry(ctx, user, id, async (_tx, before) => {
    if (!before) throw new DomainError('not_found', `no entry ${id}`);
    return { entry: before, change: 'delete' };
  });
  return { removed: id, version, bot };
}

/** Restores a version's entry as a new version (`rollback`); restores a deleted entry too. */
export async function rollbackKnowledgeEntry(ctx: AppContext, user: User, id: string, version: number) {
  assertMayEditKnowledge(user);
  return changeEntry(ctx, user, id, async (tx, before) => {
    const target = await tx.knowledge.version(user.workspaceId, id, version);
    if (!target) throw new DomainError('not_found', `no version ${version} of entry ${id}`);
    const entry = knowledgeSnapshot(target.entry);
    const change = before && sameKnowledgeEntry(before, entry) ? null : 'rollback';
    return { entry, change, restoredFrom: version };
  });
}

export async function knowledgeVersions(ctx: AppContext, user: User, id: string) {
  const versions = await ctx.store.knowledge.versions(user.workspaceId, id);
  if (versions.length === 0) throw new DomainError('not_found', `no entry ${id}`);
  const exists = (await ctx.store.knowledge.find(user.workspaceId, id)) !== null;
  return { exists, versions: versions.map(presentVersion) };
}

/** How `against` (default: the version before; `current`: the entry now) becomes `version`. */
export async function knowledgeDiff(
  ctx: AppContext,
  user: User,
  id: string,
  version: number,
  against: number | 'current' | undefined,
): Promise<KnowledgeDiff> {
  const workspaceId = user.workspaceId;
  const to = await ctx.store.knowledge.version(workspaceId, id, version);
  if (!to) throw new DomainError('not_found', `no version ${version} of entry ${id}`);
  let from: KnowledgeDiff['from'];
  if (against === 'current') {
    const current = await ctx.store.knowledge.find(workspaceId, id);
    from = { version: null, entry: current, deleted: current === null };
  } else {
    const base = against ?? version - 1;
    const record = base >= 1 ? await ctx.store.knowledge.version(workspaceId, id, base) : null;
    if (!record && against !== undefined)
      throw new DomainError('not_found', `no version ${against} of entry ${id}`);
    from = record
      ? { version: record.version, entry: record.entry, deleted: record.change === 'delete' }
      : { version: null, entry: null, deleted: false };
  }
  const toSide = { version: to.version, entry: to.entry, deleted: to.change === 'delete' };
  const fields = diffEntries(from.entry, to.entry);
  return {
    entryId: id,
    from,
    to: toSide,
    changed: from.deleted !== toSide.deleted || fields.some((f) => f.changed),
    fields,
  };
}

export async function recentKnowledgeChanges(ctx: AppContext, user: User, limit: number) {
  const changes = await ctx.store.knowledge.recentChanges(user.workspaceId, limit);
  return { changes: changes.map(presentVersion) };
}

/** Built-in categories (named in both languages) first, then the workspace's own, each with its entries. */
export async function knowledgeCategories(
  ctx: AppContext,
  user: User,
): Promise<{ categories: KnowledgeCategory[] }> {
  const used = new Map(
    (await ctx.store.knowledge.categories(user.workspaceId)).map((c) => [c.category, c.entries]),
  );
  const builtIn = builtInKnowledgeCategories.map((c) => ({
    code: c.code,
    label: { zh: c.label.zh, en: c.label.en },
    builtIn: true,
    entries: used.get(c.code) ?? 0,
  }));
  const codes = new Set<string>(builtInKnowledgeCategories.map((c) => c.code));
  const own = [...used]
    .filter(([code]) => !codes.has(code))
    .map(([code, entries]) => ({ code, label: null, builtIn: false, entries }));
  return { categories: [...builtIn, ...own] };
}
