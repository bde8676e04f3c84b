import { DomainError } from '@tandem/domain';
import {
  KNOWLEDGE_IMPORT_MAX_BYTES,
  KNOWLEDGE_IMPORT_MAX_ROWS,
  type KnowledgeFileColumn,
  knowledgeFileColumns,
} from '@tandem/protocol';
import type { KnowledgeEntryRecord } from '@tandem/storage';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { inspectZip, ZipProblem } from './zipGuard.ts';

export type KnowledgeFileFormat = 'csv' | 'xlsx' | 'json';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What one cell of a spreadsheet holds: text, or why it cannot be read as text. */
export type Cell = { text: string } | { problem: 'formula' | 'invalid'; message: string };

export type FileRow =
  | { row: number; kind: 'table'; cells: Map<KnowledgeFileColumn, Cell> }
  | { row: number; kind: 'json'; value: unknown };

export interface KnowledgeFile {
  format: KnowledgeFileFormat;
  /** the known columns the file has (CSV, XLSX); every column for JSON, whose entries say what they hold */
  columns: ReadonlySet<KnowledgeFileColumn>;
  ignoredColumns: string[];
  rows: FileRow[];
}

/** An unpacked .xlsx may be at most this big (the file itself is at most 2 MiB). */
const XLSX_MAX_UNPACKED = 32 * 1024 * 1024;
const XLSX_MAX_PARTS = 1000;
const MAX_COLUMNS = 100;

const unreadable = (message: string): never => {
  throw new DomainError('file_unreadable', message);
};
const tooLarge = (message: string): never => {
  throw new DomainError('payload_too_large', message);
};

// ---------------------------------------------------------------------------------------------------------
// Spreadsheet formulas (CSV injection)
// ---------------------------------------------------------------------------------------------------------

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula. Exported
 * cells that do are prefixed with an apostrophe, which Excel and LibreOffice show as text; so that a cell
 * that already starts with apostrophes before such a character survives the round trip, it gets one more.
 * Import removes exactly one.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
export const escapeCell = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
export const unescapeCell = (text: string): string =>
  text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;

// ---------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------

/** An entry as a spreadsheet row: lists one item per line, `enabled` true/false; formula-safe. */
function rowOf(entry: KnowledgeEntryRecord): Record<KnowledgeFileColumn, string> {
  return {
    id: escapeCell(entry.id),
    category: escapeCell(entry.category),
    questions_zh: escapeCell(entry.questions.zh.join('\n')),
    questions_en: escapeCell(entry.questions.en.join('\n')),
    answer_zh: escapeCell(entry.answer.zh),
    answer_en: escapeCell(entry.answer.en),
    related: escapeCell(entry.related.join('\n')),
    enabled: entry.enabled ? 'true' : 'false',
  };
}

const WIDTHS: Record<KnowledgeFileColumn, number> = {
  id: 24,
  category: 14,
  questions_zh: 40,
  questions_en: 40,
  answer_zh: 60,
  answer_en: 60,
  related: 24,
  enabled: 9,
};

export async function exportKnowledgeFile(
  entries: KnowledgeEntryRecord[],
  format: KnowledgeFileFormat,
): Promise<{ body: Buffer; contentType: string }> {
  if (format === 'json') {
    const document = {
      format: 'tandem.knowledge',
      version: 1,
      exportedAt: new Date().toISOString(),
      entries,
    };
    return {
      body: Buffer.from(`${JSON.stringify(document, null, 2)}\n`),
      contentType: 'application/json; charset=utf-8',
    };
  }
  if (format === 'csv') {
    const csv = Papa.unparse(
      {
        fields: [...knowledgeFileColumns],
        data: entries.map((e) => knowledgeFileColumns.map((c) => rowOf(e)[c])),
      },
      { quotes: true, newline: '\r\n' },
    );
    // the byte order mark makes Excel read the file as UTF-8 (Chinese is garbled without it)
    return { body: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8' };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tandem';
  const sheet = workbook.addWorksheet('knowledge', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = knowledgeFileColumns.map((key) => ({ header: key, key, width: WIDTHS[key] }));
  sheet.getRow(1).font = { bold: true };
  for (const entry of entries) {
    const row = rowOf(entry);
    sheet.addRow({ ...row, enabled: entry.enabled });
  }
  sheet.eachRow((row, number) => {
    if (number > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  return { body: Buffer.from(await workbook.xlsx.writeBuffer()), contentType: XLSX_MIME };
}

// ---------------------------------------------------------------------------------------------------------
// Import: which format, then rows
// ---------------------------------------------------------------------------------------------------------

const startsWith = (body: Buffer, bytes: number[]) => bytes.every((b, i) => body[i] === b);
const isZip = (body: Buffer) => startsWith(body, [0x50, 0x4b, 0x03, 0x04]);
const isOldExcel = (body: Buffer) => startsWith(body, [0xd0, 0xcf, 0x11, 0xe0]);

/** CSV as browsers label it (Windows with Excel installed says application/vnd.ms-excel for a .csv). */
const CSV_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/vnd.ms-excel',
  'text/plain',
]);

export function detectFormat(body: Buffer, contentType: string | undefined): KnowledgeFileFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (isOldExcel(body))
    return unreadable('this is an old .xls workbook: save it as .xlsx or .csv and import that');
  if (type === XLSX_MIME) return isZip(body) ? 'xlsx' : unreadable('this is not an .xlsx workbook');
  if (type === 'application/json') return 'json';
  if (CSV_TYPES.has(type)) return isZip(body) ? 'xlsx' : 'csv';
  if (type === '' || type === 'application/octet-stream') {
    if (isZip(body)) return 'xlsx';
    const first = body
      .toString('utf8', 0, Math.min(body.length, 64))
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
    return first === '[' || first === '{' ? 'json' : 'csv';
  }
  throw new DomainError(
    'unsupported_media',
    `files of type ${type} cannot be imported: send CSV (text/csv), Excel (${XLSX_MIME}) or JSON (application/json)`,
  );
}

/** UTF-8 (with or without a byte order mark); for CSV also GB18030, which Excel writes on Chinese Windows. */
function decode(body: Buffer, allowGb: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    if (!allowGb) return unreadable('the file is not UTF-8 text');
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      return unreadable('the file is neither UTF-8 nor GB18030 text');
    }
  }
}

/** Header names: the exported ones, in any case, spaced or dashed, or their Chinese names. */
const HEADER_NAMES = new Map<string, KnowledgeFileColumn>([
  ...knowledgeFileColumns.map((c) => [c, c] as const),
  ['编号', 'id'],
  ['分类', 'category'],
  ['类别', 'category'],
  ['中文问题', 'questions_zh'],
  ['英文问题', 'questions_en'],
  ['中文答案', 'answer_zh'],
  ['英文答案', 'answer_en'],
  ['相关', 'related'],
  ['相关条目', 'related'],
  ['启用', 'enabled'],
]);
const headerKey = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Maps header cells to columns; refuses a file without the columns an entry needs. */
function readHeader(names: string[]): {
  byIndex: Array<KnowledgeFileColumn | null>;
  columns: Set<KnowledgeFileColumn>;
  ignored: string[];
} {
  if (names.length > MAX_COLUMNS) unreadable(`the header has more than ${MAX_COLUMNS} columns`);
  const columns = new Set<KnowledgeFileColumn>();
  const ignored: string[] = [];
  const byIndex = names.map((name) => {
    const column = HEADER_NAMES.get(headerKey(name)) ?? null;
    if (column === null) {
      if (name.trim() !== '') ignored.push(name.trim());
      return null;
    }
    if (columns.has(column)) unreadable(`the column ${column} appears twice in the header (row 1)`);
    columns.add(column);
    return column;
  });
  const missing = (['category', 'answer_zh', 'answer_en'] as const).filter((c) => !columns.has(c));
  if (!columns.has('questions_zh') && !columns.has('questions_en')) missing.push('questions_zh' as never);
  if (missing.length > 0)
    unreadable(
      `the header (row 1) lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${knowledgeFileColumns.join(', ')}`,
    );
  return { byIndex, columns, ignored };
}

const blank = (cells: Map<KnowledgeFileColumn, Cell>) =>
  [...cells.values()].every((c) => 'text' in c && c.text.trim() === '');

function tableRows(
  records: Array<{ row: number; cells: Cell[] }>,
  header: ReturnType<typeof readHeader>,
): FileRow[] {
  const rows: FileRow[] = [];
  for (const record of records) {
    const cells = new Map<KnowledgeFileColumn, Cell>();
    header.byIndex.forEach((column, index) => {
      if (column === null) return;
      const cell = record.cells[index] ?? { text: '' };
      cells.set(column, 'text' in cell ? { text: unescapeCell(cell.text) } : cell);
    });
    if (blank(cells)) continue;
    rows.push({ row: record.row, kind: 'table', cells });
  }
  if (rows.length > KNOWLEDGE_IMPORT_MAX_ROWS)
    tooLarge(
      `the file holds ${rows.length} entries; at most ${KNOWLEDGE_IMPORT_MAX_ROWS} may be imported at once`,
    );
  return rows;
}

function readCsv(body: Buffer): KnowledgeFile {
  const text = decode(body, true).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken)
    unreadable(`row ${(broken.row ?? 0) + 1}: ${broken.message} (a quoted cell must end with a quote)`);
  const [first, ...rest] = parsed.data;
  if (!first || first.every((c) => c.trim() === ''))
    unreadable('the file is empty: row 1 must name the columns');
  if (rest.length > KNOWLEDGE_IMPORT_MAX_ROWS + 1000)
    tooLarge(`the file has more than ${KNOWLEDGE_IMPORT_MAX_ROWS} rows`);
  const header = readHeader(first as string[]);
  // a record is one spreadsheet row however many lines its cells have: the header is row 1
  const records = rest.map((cells, index) => ({ row: index + 2, cells: cells.map((text) => ({ text })) }));
  return {
    format: 'csv',
    columns: header.columns,
    ignoredColumns: header.ignored,
    rows: tableRows(records, header),
  };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) return { text: value.toISOString() };
  if ('formula' in value || 'sharedFormula' in value)
    return {
      problem: 'formula',
      message: 'a formula: type the text itself (or start it with an apostrophe)',
    };
  if ('richText' in value) return { text: value.richText.map((part) => part.text).join('') };
  if ('hyperlink' in value) return { text: String(value.text) };
  return { problem: 'invalid', message: 'an error value (such as #N/A)' };
}

async function readXlsx(body: Buffer): Promise<KnowledgeFile> {
  try {
    inspectZip(body, { maxEntries: XLSX_MAX_PARTS, maxTotalBytes: XLSX_MAX_UNPACKED });
  } catch (error) {
    if (error instanceof ZipProblem)
      return error.kind === 'too_large' ? tooLarge(error.message) : unreadable(error.message);
    throw error;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  } catch {
    return unreadable('not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return unreadable('the workbook has no sheet');
  const lines: Array<{ row: number; cells: Cell[] }> = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    width = Math.max(width, row.cellCount);
    if (lines.length <= KNOWLEDGE_IMPORT_MAX_ROWS + 1) lines.push({ row: number, cells: [] });
  });
  if (lines.length > KNOWLEDGE_IMPORT_MAX_ROWS + 1)
    tooLarge(`the sheet has more than ${KNOWLEDGE_IMPORT_MAX_ROWS} rows`);
  const columns = Math.min(width, MAX_COLUMNS + 1);
  for (const line of lines) {
    const row = sheet.getRow(line.row);
    for (let c = 1; c <= columns; c++) line.cells.push(cellOf(row.getCell(c).value));
  }
  const [first, ...rest] = lines;
  if (!first) return unreadable('the sheet is empty: row 1 must name the columns');
  if (first.row !== 1)
    unreadable(`row 1 must name the columns (the first row with text is row ${first.row})`);
  const names = first.cells.map((c) => ('text' in c ? c.text : ''));
  while (names.length > 0 && names.at(-1)?.trim() === '') names.pop();
  const header = readHeader(names);
  return {
    format: 'xlsx',
    columns: header.columns,
    ignoredColumns: header.ignored,
    rows: tableRows(rest, header),
  };
}

function readJson(body: Buffer): KnowledgeFile {
  const text = decode(body, false).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return unreadable(`not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  const entries = Array.isArray(data)
    ? data
    : typeof data === 'object' && data !== null && Array.isArray((data as { entries?: unknown }).entries)
      ? ((data as { entries: unknown[] }).entries as unknown[])
      : unreadable('expected a list of entries, or an object with "entries" (as exported)');
  if (entries.length > KNOWLEDGE_IMPORT_MAX_ROWS)
    tooLarge(
      `the file holds ${entries.length} entries; at most ${KNOWLEDGE_IMPORT_MAX_ROWS} may be imported at once`,
    );
  return {
    format: 'json',
    columns: new Set(knowledgeFileColumns),
    ignoredColumns: [],
    // the entry's position in the list: 1 = the first
    rows: entries.map((value, index) => ({ row: index + 1, kind: 'json', value })),
  };
}

/** Reads an uploaded file into rows; refuses (stable codes) what is too big, unreadable or of another type. */
export async function readKnowledgeFile(
  body: unknown,
  contentType: string | undefined,
): Promise<KnowledgeFile> {
  if (!Buffer.isBuffer(body) || body.length === 0) return unreadable('the request carries no file');
  if (body.length > KNOWLEDGE_IMPORT_MAX_BYTES)
    tooLarge(`the file is larger than ${KNOWLEDGE_IMPORT_MAX_BYTES / 1024 / 1024} MiB`);
  const format = detectFormat(body, contentType);
  if (format === 'csv') return readCsv(body);
  if (format === 'json') return readJson(body);
  return readXlsx(body);
}
