import { createHash } from 'node:crypto';
import { DomainError, type User } from '@tandem/domain';
import {
  type ImportRow,
  type KnowledgeFileColumn,
  type KnowledgeImportPreview,
  knowledgeEntrySchema,
} from '@tandem/protocol';
import { type KnowledgeEntryRecord, type KnowledgeWrite, knowledgeSnapshot } from '@tandem/storage';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ValidationError } from '../http/validation.ts';
import { assertMayEditKnowledge, changeKind } from './knowledge.ts';
import { changedFields } from './knowledgeDiff.ts';
import { type FileRow, type KnowledgeFile, readKnowledgeFile } from './knowledgeFile.ts';

type RowError = ImportRow['errors'][number];

interface PlannedRow extends ImportRow {
  /** the entry's newest version when planned (0: none): a commit must find the same */
  baseVersion: number;
}

const lines = (text: string) =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

const TRUE = new Set(['true', '1', 'yes', 'y', 'on', '是', '启用', '开', '开启']);
const FALSE = new Set(['false', '0', 'no', 'n', 'off', '否', '停用', '禁用', '关', '关闭']);

/** A stable id for a row that leaves it blank: the same row gets the same id in a preview and its commit. */
const derivedId = (category: string, questions: string[], answer: string) =>
  `kb-${createHash('sha256')
    .update(JSON.stringify([category, questions, answer]))
    .digest('hex')
    .slice(0, 12)}`;

const TABLE_FIELD = new Map<string, KnowledgeFileColumn>([
  ['id', 'id'],
  ['category', 'category'],
  ['related', 'related'],
  ['enabled', 'enabled'],
]);

/** The column (spreadsheets) or path (JSON) a problem of the entry schema is about. */
function fieldOf(path: PropertyKey[], table: boolean): string {
  const [head, second] = path.map(String);
  if (!table) return path.map(String).join('.') || '(entry)';
  if ((head === 'questions' || head === 'answer') && (second === 'zh' || second === 'en'))
    return `${head}_${second}`;
  if (head === 'questions') return 'questions_zh';
  return (head && TABLE_FIELD.get(head)) || head || '(row)';
}

function errorsOf(issues: z.core.$ZodIssue[], table: boolean): RowError[] {
  return issues.map((issue) => {
    const field = fieldOf(issue.path, table);
    let code: RowError['code'] = 'invalid';
    if (issue.code === 'too_big') code = 'too_long';
    else if (issue.code === 'too_small' && issue.origin === 'string') code = 'required';
    else if (issue.code === 'invalid_type' && /undefined/.test(issue.message)) code = 'required';
    else if (issue.code === 'custom' && issue.path.length === 1 && issue.path[0] === 'questions')
      code = 'required';
    const message =
      issue.code === 'custom' && issue.path[0] === 'questions'
        ? 'at least one question (questions_zh or questions_en)'
        : issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
          : issue.message;
    return { field: issue.code === 'unrecognized_keys' ? issue.keys.join(',') : field, code, message };
  });
}

/** A spreadsheet row as an entry to validate; columns the file does not have keep the entry's current value. */
function tableCandidate(
  row: Extract<FileRow, { kind: 'table' }>,
  file: KnowledgeFile,
  current: ReadonlyMap<string, KnowledgeEntryRecord>,
): { candidate: Record<string, unknown>; errors: RowError[] } {
  const errors: RowError[] = [];
  const text = (column: KnowledgeFileColumn): string => {
    const cell = row.cells.get(column);
    if (!cell) return '';
    if ('text' in cell) return cell.text.replace(/\r\n?/g, '\n');
    errors.push({ field: column, code: cell.problem, message: cell.message });
    return '';
  };
  const category = text('category').trim();
  const questions = { zh: lines(text('questions_zh')), en: lines(text('questions_en')) };
  const answer = { zh: text('answer_zh'), en: text('answer_en') };
  const id = text('id').trim() || derivedId(category, [...questions.zh, ...questions.en], answer.zh);
  const before = current.get(id);
  const has = (column: KnowledgeFileColumn) => file.columns.has(column);
  let enabled = before?.enabled ?? true;
  const flag = text('enabled').trim().toLowerCase();
  if (has('enabled') && flag !== '') {
    if (TRUE.has(flag)) enabled = true;
    else if (FALSE.has(flag)) enabled = false;
    else errors.push({ field: 'enabled', code: 'invalid', message: 'enabled must be true or false' });
  }
  return {
    candidate: {
      id,
      category,
      questions: {
        zh: has('questions_zh') ? questions.zh : (before?.questions.zh ?? []),
        en: has('questions_en') ? questions.en : (before?.questions.en ?? []),
      },
      answer,
      related: has('related')
        ? text('related')
            .split(/[\s,，|]+/)
            .filter((r) => r !== '')
        : (before?.related ?? []),
      enabled,
    },
    errors,
  };
}

/** A JSON entry: the API's shape; `related` and `enabled` left out keep the entry's current value. */
function jsonCandidate(
  value: unknown,
  current: ReadonlyMap<string, KnowledgeEntryRecord>,
): { candidate: unknown; errors: RowError[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      candidate: value,
      errors: [{ field: '(entry)', code: 'invalid', message: 'an entry must be an object' }],
    };
  const entry = { ...(value as Record<string, unknown>) };
  if (entry.id === undefined || entry.id === '') {
    const q = entry.questions as { zh?: unknown; en?: unknown } | undefined;
    const a = entry.answer as { zh?: unknown } | undefined;
    entry.id = derivedId(
      String(entry.category ?? ''),
      [q?.zh, q?.en].flat() as string[],
      String(a?.zh ?? ''),
    );
  }
  const before = typeof entry.id === 'string' ? current.get(entry.id) : undefined;
  if (!Object.hasOwn(entry, 'related')) entry.related = before?.related ?? [];
  if (!Object.hasOwn(entry, 'enabled')) entry.enabled = before?.enabled ?? true;
  return { candidate: entry, errors: [] };
}

/** What importing the file would do, row by row, against the entries as they are. */
export function planImport(
  file: KnowledgeFile,
  entries: KnowledgeEntryRecord[],
  versions: ReadonlyMap<string, number>,
): PlannedRow[] {
  const current = new Map(entries.map((e) => [e.id, e]));
  const seen = new Map<string, number>();
  return file.rows.map((row): PlannedRow => {
    const table = row.kind === 'table';
    const { candidate, errors } = table
      ? tableCandidate(row, file, current)
      : jsonCandidate(row.value, current);
    const parsed = knowledgeEntrySchema.safeParse(candidate);
    if (!parsed.success) {
      // a cell that could not be read is reported once, not again as empty
      const unread = new Set(errors.map((e) => e.field));
      errors.push(...errorsOf(parsed.error.issues, table).filter((e) => !unread.has(e.field)));
    }
    const rawId = (candidate as { id?: unknown } | null)?.id;
    const id = parsed.success ? parsed.data.id : typeof rawId === 'string' && rawId !== '' ? rawId : null;
    if (id !== null) {
      const first = seen.get(id);
      if (first !== undefined)
        errors.push({ field: 'id', code: 'duplicate', message: `the same id as row ${first}: ${id}` });
      else seen.set(id, row.row);
    }
    const before = id === null ? undefined : current.get(id);
    const baseVersion = id === null ? 0 : (versions.get(id) ?? 0);
    if (errors.length > 0 || !parsed.success) {
      return {
        row: row.row,
        id,
        action: before ? 'update' : 'create',
        entry: null,
        changes: [],
        errors,
        baseVersion,
      };
    }
    const entry = knowledgeSnapshot({
      ...parsed.data,
      enabled: parsed.data.enabled ?? before?.enabled ?? true,
    });
    const kind = changeKind(before ?? null, entry);
    return {
      row: row.row,
      id,
      action: kind === null ? 'unchanged' : before ? 'update' : 'create',
      entry,
      changes: before && kind !== null ? changedFields(before, entry) : [],
      errors: [],
      baseVersion,
    };
  });
}

const summaryOf = (rows: PlannedRow[]) => ({
  create: rows.filter((r) => r.errors.length === 0 && r.action === 'create').length,
  update: rows.filter((r) => r.errors.length === 0 && r.action === 'update').length,
  unchanged: rows.filter((r) => r.errors.length === 0 && r.action === 'unchanged').length,
  invalid: rows.filter((r) => r.errors.length > 0).length,
});

/** Fingerprint of what a commit would do: the rows, and the version of each entry they start from. */
const planIdOf = (rows: PlannedRow[]) =>
  createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.row, r.id, r.action, r.entry, r.errors.length, r.baseVersion])))
    .digest('hex');

const present = (rows: PlannedRow[]): ImportRow[] => rows.map(({ baseVersion: _base, ...row }) => row);

const idsOf = (file: KnowledgeFile, entries: KnowledgeEntryRecord[]) =>
  entries
    .map((e) => e.id)
    .concat(
      file.rows.flatMap((r) => {
        const id = r.kind === 'table' ? r.cells.get('id') : (r.value as { id?: unknown } | null)?.id;
        const text =
          typeof id === 'string' ? id : id && typeof id === 'object' && 'text' in id ? id.text : null;
        return typeof text === 'string' && text.trim() !== '' ? [text.trim()] : [];
      }),
    );

/** What importing this file would do; nothing is saved. */
export async function previewImport(
  ctx: AppContext,
  user: User,
  body: unknown,
  contentType: string | undefined,
): Promise<KnowledgeImportPreview> {
  assertMayEditKnowledge(user);
  const file = await readKnowledgeFile(body, contentType);
  const entries = await ctx.store.knowledge.list(user.workspaceId);
  const versions = await ctx.store.knowledge.latestVersions(user.workspaceId, idsOf(file, entries));
  const rows = planImport(file, entries, versions);
  return {
    format: file.format,
    rows: present(rows),
    summary: summaryOf(rows),
    ignoredColumns: file.ignoredColumns,
    planId: planIdOf(rows),
  };
}

/**
 * Imports the file in one transaction: every valid row is created or updated with a version each (`via:
 * import`), then the bot is retrained once. Refused, with nothing saved, when a row is invalid (unless
 * `skipInvalid`) or when `planId` is given and the import would now do something else than its preview.
 */
export async function commitImport(
  ctx: AppContext,
  user: User,
  body: unknown,
  contentType: string | undefined,
  options: { skipInvalid: boolean; planId?: string | undefined },
) {
  assertMayEditKnowledge(user);
  const file = await readKnowledgeFile(body, contentType);
  const workspaceId = user.workspaceId;
  const done = await ctx.store.transaction(async (tx) => {
    await tx.knowledge.lock(workspaceId);
    const entries = await tx.knowledge.list(workspaceId);
    const versions = await tx.knowledge.latestVersions(workspaceId, idsOf(file, entries));
    const rows = planImport(file, entries, versions);
    const planId = planIdOf(rows);
    if (options.planId !== undefined && options.planId !== planId)
      throw new DomainError(
        'conflict',
        'the knowledge base (or the file) changed since the preview: nothing was imported; preview again',
      );
    const invalid = rows.filter((r) => r.errors.length > 0);
    if (invalid.length > 0 && !options.skipInvalid) {
      const details = invalid.flatMap((r) =>
        r.errors.map((e) => ({ path: `rows.${r.row}.${e.field}`, message: `${e.code}: ${e.message}` })),
      );
      throw new ValidationError(
        'validation_failed',
        `${invalid.length} row${invalid.length > 1 ? 's are' : ' is'} invalid (first: row ${invalid[0]?.row}); nothing was imported — fix ${invalid.length > 1 ? 'them' : 'it'} or import with skipInvalid`,
        details.slice(0, 200),
      );
    }
    const current = new Map(entries.map((e) => [e.id, e]));
    const writes: KnowledgeWrite[] = rows.flatMap((r) => {
      if (r.errors.length > 0 || !r.entry || r.action === 'unchanged') return [];
      const change = changeKind(current.get(r.entry.id) ?? null, r.entry);
      return change ? [{ change, entry: r.entry }] : [];
    });
    await tx.knowledge.write(workspaceId, writes, { actor: user.id, via: 'import' });
    return { rows, planId, written: writes.length, skipped: invalid.map((r) => r.row) };
  });
  if (done.written > 0) ctx.bots.rebuild(workspaceId);
  return {
    summary: summaryOf(done.rows),
    skipped: done.skipped,
    planId: done.planId,
    bot: ctx.bots.status(workspaceId),
  };
}
