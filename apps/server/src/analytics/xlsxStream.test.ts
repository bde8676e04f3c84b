import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnName, XLSX_MAX_CELL, type XlsxCell, xlsxStream } from './xlsxStream.ts';

/** The workbook written for these rows, read back by exceljs (as a spreadsheet application would open it). */
async function roundTrip(header: XlsxCell[], rows: XlsxCell[][], sheetName = 'sheet') {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => out.on('end', resolve));
  const writer = xlsxStream(out, header, sheetName);
  for (const row of rows) await writer.row(row);
  await writer.end();
  await ended;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return workbook;
}

/**
 * The text as XML 1.0 can hold it: without control characters other than tab and line breaks, lone surrogates,
 * U+FFFE, U+FFFF.
 */
const xmlText = (text: string) =>
  [...text]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      const loneSurrogate = code >= 0xd800 && code <= 0xdfff;
      return (
        code === 9 ||
        code === 10 ||
        code === 13 ||
        (code >= 0x20 && code !== 0xfffe && code !== 0xffff && !loneSurrogate)
      );
    })
    .join('');

/**
 * A cell's text as Excel reads it: `_xHHHH_` is a character (ECMA-376 ST_Xstring). exceljs decodes it in shared
 * strings but not in inline strings, so the test does, left to right in one pass as Excel does.
 */
const unescapeXstring = (value: unknown) =>
  typeof value === 'string'
    ? value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : value;

describe('the streamed Excel writer', () => {
  it('names columns as Excel does', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });

  it('writes text, numbers, booleans and empty cells that a spreadsheet reads back as written', async () => {
    const workbook = await roundTrip(
      ['会话', 'minutes', 'met', 'note'],
      [
        ['张三 <b>&amp;</b> "quoted" \'single\'', 12.5, true, null],
        ['  spaces kept  ', -3, false, 'line one\nline two'],
        ['=SUM(A1:A2)', 0, null, ''],
        ['nul\u0000 and bell\u0007 and lone \ud800 go', Number.NaN, null, '😀 kept'],
      ],
      'conversations',
    );
    const sheet = workbook.getWorksheet('conversations');
    expect(sheet).toBeDefined();
    const values = [1, 2, 3, 4, 5].map((r) => [1, 2, 3, 4].map((c) => sheet?.getCell(r, c).value ?? null));
    expect(values).toEqual([
      ['会话', 'minutes', 'met', 'note'],
      ['张三 <b>&amp;</b> "quoted" \'single\'', 12.5, true, null],
      ['  spaces kept  ', -3, false, 'line one\nline two'],
      ['=SUM(A1:A2)', 0, null, null],
      ['nul and bell and lone  go', null, null, '😀 kept'],
    ]);
    // text that looks like a formula is a text cell, never a formula
    expect(sheet?.getCell('A4').type).toBe(ExcelJS.ValueType.String);
  });

  it('cuts a cell at Excel’s limit and gives the sheet a name Excel accepts', async () => {
    const workbook = await roundTrip(
      ['x'],
      [['y'.repeat(XLSX_MAX_CELL + 500)]],
      'a/b:c*d?[e]f-that-is-far-too-long',
    );
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('a b c d  e f-that-is-far-too-lo');
    expect(String(sheet?.getCell('A2').value)).toHaveLength(XLSX_MAX_CELL);
  });

  it('keeps any text as it was written (characters XML cannot hold aside)', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      // what the format or XML would change: its own escapes, line breaks, control characters, lone surrogates
      fc
        .array(
          fc.constantFrom(
            '_x0041_',
            '_x000D_',
            '_X00a1_',
            '_',
            '\r\n',
            '\r',
            '\n',
            '\t',
            '\u0001',
            '\ud800',
            '\udc00',
            '\ufffe',
            '&<>"\'',
            '字',
          ),
          { maxLength: 8 },
        )
        .map((parts) => parts.join('')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 5 }), async (texts) => {
        const workbook = await roundTrip(
          ['h'],
          texts.map((t) => [t]),
        );
        const sheet = workbook.worksheets[0];
        const back = texts.map((_, i) => unescapeXstring(sheet?.getCell(i + 2, 1).value ?? ''));
        expect(back).toEqual(texts.map(xmlText));
      }),
      { numRuns: 60 },
    );
  });

  it('cuts a cell without leaving half of a character behind', async () => {
    const text = `${'x'.repeat(XLSX_MAX_CELL - 1)}😀 and more`;
    const workbook = await roundTrip(['h'], [[text]]);
    expect(workbook.worksheets[0]?.getCell('A2').value).toBe('x'.repeat(XLSX_MAX_CELL - 1));
  });

  it('waits for the zip without leaving listeners behind (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const out = new PassThrough();
      let read = 0;
      const readWhenProduced: number[] = [];
      const writer = xlsxStream(out, ['text'], 'sheet');
      const reading = (async () => {
        for await (const chunk of out) {
          read += (chunk as Buffer).length;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      // 40 rows of 48 kB each, different and not compressible: far more than 11 waits for the zip
      for (let i = 0; i < 40; i++) {
        await writer.row([randomBytes(36 * 1024).toString('base64')]);
        readWhenProduced.push(read);
      }
      await writer.end();
      await reading;
      expect(readWhenProduced.at(-1)).toBeGreaterThan(read / 2);
      // a warning is emitted on the next turn of the event loop
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('takes no row past the sheet’s limit, and says so, so the export stops reading', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => out.on('end', resolve));
    const writer = xlsxStream(out, ['n'], 'sheet', 3);
    const kept: boolean[] = [];
    for (let i = 1; i <= 5; i++) kept.push(await writer.row([i]));
    await writer.end();
    await ended;
    expect(kept).toEqual([true, true, true, false, false]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.rowCount).toBe(4);
    expect([2, 3, 4].map((r) => sheet?.getCell(r, 1).value)).toEqual([1, 2, 3]);
  });

  it('stops, without waiting forever, when the reader goes away', async () => {
    const out = new PassThrough();
    const writer = xlsxStream(out, ['text'], 'sheet');
    // nobody reads: the writer soon waits; then the client disconnects
    const writing = (async () => {
      for (let i = 0; i < 1000; i++) await writer.row([`${i} ${'z'.repeat(20_000)}${Math.random()}`]);
    })();
    await new Promise((resolve) => setImmediate(resolve));
    out.destroy();
    await expect(writing).rejects.toThrow('export aborted');
  });
});
