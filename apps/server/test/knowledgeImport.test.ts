import { deflateRawSync } from 'node:zlib';
import {
  type KnowledgeChangeResult,
  type KnowledgeEntryView,
  type KnowledgeImportPreview,
  type KnowledgeVersion,
  knowledgeFileColumns,
} from '@tandem/protocol';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from './harness.ts';
import { askBot, download, knowledgeStaff, staffSocket, upload, whenLive } from './knowledgeHelpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type ErrorBody = {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
};
type Commit = {
  summary: KnowledgeImportPreview['summary'];
  skipped: number[];
  planId: string;
  bot: KnowledgeChangeResult['bot'];
};

/** Cells that a spreadsheet would run as formulas, in an entry the exports must keep as text. */
const formulaEntry = {
  id: 'tricky.formulas',
  category: '+category',
  questions: { zh: ['-5 元的券能用吗', '@客服 在吗'], en: ['=1+1 is what?'] },
  answer: { zh: '=HYPERLINK("http://evil.example","点我")\n第二行', en: "'=already quoted" },
  related: ['orders.track'],
};

const csv = (rows: string[][]) => Papa.unparse(rows, { newline: '\r\n' });
const header = [...knowledgeFileColumns];

/** A .xlsx of one sheet from rows of cells (a cell may be a formula). */
async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('knowledge');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A ZIP of one deflated file; `claimed` is the size it says the file unpacks to. */
function zipOf(name: string, content: Buffer, claimed = content.length): Buffer {
  const packed = deflateRawSync(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(claimed, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(claimed, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = local.length + fileName.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return Buffer.concat([local, fileName, packed, central, fileName, end]);
}

describe('knowledge import and export', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;
  let console: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await knowledgeStaff(t, 'import-other');
    console = await staffSocket(t, staff.admin);
    const saved = await api<KnowledgeChangeResult>(t.url, `/api/admin/knowledge/${formulaEntry.id}`, {
      method: 'PUT',
      cookie: staff.admin,
      body: formulaEntry,
    });
    expect(saved.status).toBe(200);
  });
  afterAll(() => t.close());

  const entries = async (cookie = staff.admin) =>
    (await api<{ entries: KnowledgeEntryView[] }>(t.url, '/api/admin/knowledge', { cookie })).body.entries;
  const preview = (body: string | Buffer, type = 'text/csv', cookie = staff.admin) =>
    upload<KnowledgeImportPreview & ErrorBody>(t, '/api/admin/knowledge/import/preview', body, type, cookie);
  const commit = (body: string | Buffer, query = '', type = 'text/csv', cookie = staff.admin) =>
    upload<Commit & ErrorBody>(t, `/api/admin/knowledge/import/commit${query}`, body, type, cookie);

  it('exports CSV for Excel: UTF-8 with a BOM, Chinese intact, formulas defused, and imports it back unchanged', async () => {
    const file = await download(t, '/api/admin/knowledge/export?format=csv', staff.admin);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="knowledge-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = Papa.parse<string[]>(file.body.toString('utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(header);
    const tricky = rows.find((r) => r[0] === formulaEntry.id) as string[];
    expect(tricky).toEqual([
      'tricky.formulas',
      "'+category",
      "'-5 元的券能用吗\n@客服 在吗",
      "'=1+1 is what?",
      '\'=HYPERLINK("http://evil.example","点我")\n第二行',
      "''=already quoted",
      'orders.track',
      'true',
    ]);
    expect(rows.find((r) => r[0] === 'orders.track')?.[2]).toContain('我的订单到哪了');
    // no cell a spreadsheet would run
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);

    const back = await preview(file.body, 'text/csv');
    expect(back.status).toBe(200);
    expect(back.body.summary).toEqual({
      create: 0,
      update: 0,
      unchanged: (await entries()).length,
      invalid: 0,
    });
  });

  it('exports XLSX and JSON that import back unchanged', async () => {
    const xlsx = await download(t, '/api/admin/knowledge/export?format=xlsx', staff.admin);
    expect(xlsx.headers.get('content-type')).toBe(XLSX);
    expect(xlsx.headers.get('content-disposition')).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, ...header]);
    let tricky: ExcelJS.Row | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === formulaEntry.id) tricky = row;
    });
    expect(tricky?.getCell(5).value).toBe('\'=HYPERLINK("http://evil.example","点我")\n第二行');
    expect(tricky?.getCell(8).value).toBe(true);
    const fromXlsx = await preview(xlsx.body, XLSX);
    expect(fromXlsx.body.summary.unchanged).toBe((await entries()).length);
    expect(fromXlsx.body.summary.create + fromXlsx.body.summary.update + fromXlsx.body.summary.invalid).toBe(
      0,
    );

    const json = await download(t, '/api/admin/knowledge/export?format=json', staff.admin);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const document = JSON.parse(json.body.toString('utf8')) as { entries: KnowledgeEntryView[] };
    // JSON is not a spreadsheet: text as it is
    expect(document.entries.find((e) => e.id === formulaEntry.id)?.answer.zh).toBe(formulaEntry.answer.zh);
    const fromJson = await preview(json.body, 'application/json');
    expect(fromJson.body.format).toBe('json');
    expect(fromJson.body.summary.unchanged).toBe(document.entries.length);
    expect((await api(t.url, '/api/admin/knowledge/export?format=pdf', { cookie: staff.admin })).status).toBe(
      400,
    );
  });

  const newRow = [
    'gifts.card',
    'gifts',
    '可以买礼品卡吗\n礼品卡怎么买',
    'can I buy a gift card',
    '可以，在「我的」-「礼品卡」购买，面值 100 元起。',
    'Yes, under Me › Gift cards, from ¥100.',
    '',
    'TRUE',
  ];
  const badFile = () =>
    csv([
      [...header, 'notes'],
      newRow,
      [
        'orders.track',
        'orders',
        '我的订单到哪了',
        'where is my order',
        '在「我的订单」里查看物流。',
        'See tracking under My orders.',
        '',
        '',
      ],
      ['Bad Id', 'orders', '问题', 'question', '', 'answer', '', 'maybe'],
      ['gifts.multi', 'gifts', '第一行\n第二行\n第三行', '', '答案', 'answer', '', 'false'],
      ['gifts.card', 'gifts', '重复', '', '答案', 'answer', '', '', ''],
    ]);

  it('previews row by row, naming the row of each problem as the spreadsheet shows it, and saves nothing', async () => {
    const before = await entries();
    const status = (await api<{ version: number }>(t.url, '/api/admin/bot/status', { cookie: staff.admin }))
      .body;
    const res = await preview(badFile());
    expect(res.status).toBe(200);
    expect(res.body.ignoredColumns).toEqual(['notes']);
    expect(res.body.summary).toEqual({ create: 2, update: 1, unchanged: 0, invalid: 2 });
    const byRow = new Map(res.body.rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ action: 'create', id: 'gifts.card', errors: [] });
    expect(byRow.get(2)?.entry?.questions.zh).toEqual(['可以买礼品卡吗', '礼品卡怎么买']);
    // the related column is there but empty, enabled left blank: an update keeps the entry's own
    expect(byRow.get(3)).toMatchObject({
      action: 'update',
      changes: ['questions.zh', 'questions.en', 'answer.zh', 'answer.en', 'related'],
    });
    expect(byRow.get(4)?.entry).toBeNull();
    expect(byRow.get(4)?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'enabled', code: 'invalid' }),
        expect.objectContaining({ field: 'id', code: 'invalid' }),
        expect.objectContaining({ field: 'answer_zh', code: 'required' }),
      ]),
    );
    // a cell of three lines is still one row: the next row is row 6
    expect(byRow.get(5)).toMatchObject({
      action: 'create',
      entry: { enabled: false, questions: { zh: ['第一行', '第二行', '第三行'] } },
    });
    expect(byRow.get(6)?.errors).toEqual([
      { field: 'id', code: 'duplicate', message: 'the same id as row 2: gifts.card' },
    ]);
    expect(await entries()).toEqual(before);
    const after = (await api<{ version: number }>(t.url, '/api/admin/bot/status', { cookie: staff.admin }))
      .body;
    expect(after.version).toBe(status.version);
  });

  it('commits all or nothing: refuses a file with an invalid row, or imports the valid rows when told to skip', async () => {
    const before = await entries();
    const refused = await commit(badFile());
    expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    expect(refused.body.error.details?.map((d) => d.path)).toEqual(
      expect.arrayContaining(['rows.4.answer_zh', 'rows.6.id']),
    );
    expect(await entries()).toEqual(before);

    const planned = await preview(badFile());
    const done = await commit(badFile(), `?skipInvalid=true&planId=${planned.body.planId}`);
    expect(done.status).toBe(200);
    expect(done.body.summary).toEqual({ create: 2, update: 1, unchanged: 0, invalid: 2 });
    expect(done.body.skipped).toEqual([4, 6]);
    expect(done.body.bot.state).toBe('training');
    const now = await entries();
    expect(now.find((e) => e.id === 'gifts.card')?.answer.en).toBe('Yes, under Me › Gift cards, from ¥100.');
    expect(now.find((e) => e.id === 'gifts.multi')?.enabled).toBe(false);
    expect(now.find((e) => e.id === 'orders.track')?.answer.zh).toBe('在「我的订单」里查看物流。');
    const history = await api<{ versions: KnowledgeVersion[] }>(
      t.url,
      '/api/admin/knowledge/gifts.card/versions',
      {
        cookie: staff.admin,
      },
    );
    expect(history.body.versions).toEqual([
      expect.objectContaining({ version: 1, change: 'create', via: 'import' }),
    ]);
    const track = await api<{ versions: KnowledgeVersion[] }>(
      t.url,
      '/api/admin/knowledge/orders.track/versions',
      {
        cookie: staff.admin,
      },
    );
    expect(track.body.versions.map((v) => [v.version, v.change, v.via])).toEqual([
      [2, 'update', 'import'],
      [1, 'create', 'edit'],
    ]);
    // retrained once, then live for customers
    await whenLive(t, staff.admin, console, done.body.bot.version);
    expect((await askBot(t, '可以买礼品卡吗')).text).toContain('面值 100 元起');

    // the same file again changes nothing and retrains nothing
    const again = await commit(badFile(), '?skipInvalid=1');
    expect(again.body.summary).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect(again.body.bot.version).toBe(done.body.bot.version);
  });

  it('refuses a commit when the knowledge base changed since its preview', async () => {
    const file = csv([header, ['gifts.card', 'gifts', '礼品卡', '', '新答案', 'new answer', '', '']]);
    const planned = await preview(file);
    expect(planned.body.summary.update).toBe(1);
    const edit = await api<KnowledgeChangeResult>(t.url, '/api/admin/knowledge/gifts.card/enabled', {
      method: 'PUT',
      cookie: staff.admin,
      body: { enabled: false },
    });
    expect(edit.status).toBe(200);
    const stale = await commit(file, `?planId=${planned.body.planId}`);
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
    expect((await entries()).find((e) => e.id === 'gifts.card')?.answer.en).toBe(
      'Yes, under Me › Gift cards, from ¥100.',
    );
  });

  it('reads Excel workbooks, refusing formulas, and CSV that Excel saved as GB18030', async () => {
    const book = await workbook([
      header,
      ['xl.one', 'orders', '表格里的问题', 'a question from excel', '表格答案', 'excel answer', null, true],
      ['xl.two', 'orders', '公式', 'formula', { formula: 'A1&"x"', result: 'x' }, 'answer', null, null],
    ]);
    const res = await preview(book, XLSX);
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({
      row: 2,
      action: 'create',
      entry: { id: 'xl.one', enabled: true },
    });
    expect(res.body.rows[1]).toMatchObject({
      row: 3,
      errors: [expect.objectContaining({ field: 'answer_zh', code: 'formula' })],
    });

    // 你好 in GB18030, as Excel on Chinese Windows writes "CSV (comma delimited)"
    const hello = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]);
    const gbFile = Buffer.concat([
      Buffer.from('id,category,questions_zh,answer_zh,answer_en\r\ngb.hello,greetings,'),
      hello,
      Buffer.from(','),
      hello,
      Buffer.from(',hello\r\n'),
    ]);
    const fromGb = await preview(gbFile, 'application/vnd.ms-excel');
    expect(fromGb.status).toBe(200);
    expect(fromGb.body.rows[0]?.entry).toMatchObject({
      questions: { zh: ['你好'], en: [] },
      answer: { zh: '你好' },
    });
  });

  it('refuses huge and malformed files with stable codes', async () => {
    const expectError = async (
      res: Promise<{ status: number; body: ErrorBody }>,
      status: number,
      code: string,
    ) => {
      const { status: got, body } = await res;
      expect([got, body.error.code], body.error.message).toEqual([status, code]);
      return body.error.message;
    };
    await expectError(
      preview(`${header.join(',')}\n${'x'.repeat(3 * 1024 * 1024)}`),
      413,
      'payload_too_large',
    );
    const many = csv([
      header,
      ...Array.from({ length: 5001 }, (_, i) => [`bulk.${i}`, 'c', 'q', '', 'a', 'a', '', '']),
    ]);
    await expectError(preview(many), 413, 'payload_too_large');
    // a few kilobytes that unpack to 64 MiB
    await expectError(
      preview(zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024)), XLSX),
      413,
      'payload_too_large',
    );
    // a part that unpacks to more than it claims
    await expectError(
      preview(zipOf('xl/workbook.xml', Buffer.alloc(1024 * 1024), 10), XLSX),
      400,
      'file_unreadable',
    );
    await expectError(preview(Buffer.from('not a zip at all'), XLSX), 400, 'file_unreadable');
    await expectError(preview(zipOf('hello.txt', Buffer.from('hello')), XLSX), 400, 'file_unreadable');
    expect(
      await expectError(preview(`${header.join(',')}\n"unterminated,a,b`), 400, 'file_unreadable'),
    ).toContain('row 2');
    expect(await expectError(preview('id,category,answer_zh\nx,y,z'), 400, 'file_unreadable')).toContain(
      'answer_en',
    );
    await expectError(preview('{"entries": [', 'application/json'), 400, 'file_unreadable');
    await expectError(preview('{"something": 1}', 'application/json'), 400, 'file_unreadable');
    await expectError(preview('', 'text/csv'), 400, 'file_unreadable');
    await expectError(preview(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png'), 415, 'unsupported_media');
    await expectError(
      preview(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), 'application/vnd.ms-excel'),
      400,
      'file_unreadable',
    );
    // JSON entries are checked like a save, field by field
    const json = await preview(
      JSON.stringify([
        { id: 'j.one', category: 'c', questions: { zh: ['问'] }, answer: { zh: '答' }, extra: 1 },
      ]),
      'application/json',
    );
    expect(json.body.rows[0]?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'questions.en', code: 'required' }),
        expect.objectContaining({ field: 'answer.en', code: 'required' }),
        expect.objectContaining({ field: 'extra', code: 'invalid' }),
      ]),
    );
  });

  it('lets only admins and supervisors import, and keeps workspaces apart', async () => {
    const file = csv([
      header,
      ['constructor', 'constructor', '__proto__\nconstructor', 'toString', '原型', 'prototype', '', ''],
    ]);
    for (const path of ['preview', 'commit']) {
      const denied = await upload<ErrorBody>(
        t,
        `/api/admin/knowledge/import/${path}`,
        file,
        'text/csv',
        staff.agent,
      );
      expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
      const anonymous = await fetch(`${t.url}/api/admin/knowledge/import/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
      expect(anonymous.status).toBe(401);
    }
    // "constructor" as an id, a category, a question and a column name is plain text
    const withColumn = csv([
      [...header, 'constructor'],
      ['constructor', 'constructor', '__proto__\nconstructor', 'toString', '原型', 'prototype', '', '', 'x'],
    ]);
    const supervisorPreview = await preview(withColumn, 'text/csv', staff.supervisor);
    expect(supervisorPreview.body.ignoredColumns).toEqual(['constructor']);
    expect(supervisorPreview.body.rows[0]).toMatchObject({
      action: 'create',
      entry: { id: 'constructor', category: 'constructor' },
    });

    // the other workspace imports into its own knowledge base only
    const outsiderExport = await download(t, '/api/admin/knowledge/export?format=json', staff.outsider);
    expect((JSON.parse(outsiderExport.body.toString('utf8')) as { entries: unknown[] }).entries).toEqual([]);
    const theirs = await commit(file, '', 'text/csv', staff.outsider);
    expect(theirs.status).toBe(200);
    expect(theirs.body.summary.create).toBe(1);
    expect((await entries(staff.outsider)).map((e) => e.id)).toEqual(['constructor']);
    expect((await entries()).some((e) => e.id === 'constructor')).toBe(false);
  });
});
