import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

export type XlsxCell = string | number | boolean | null;

/** Excel has at most this many rows per sheet (the header included: 1,048,576). */
export const XLSX_MAX_ROWS = 1_048_575;
/** A cell holds at most this many characters in Excel. */
export const XLSX_MAX_CELL = 32_000;

/**
 * Characters XML 1.0 cannot hold (control characters other than tab and line breaks, lone surrogates, U+FFFE,
 * U+FFFF): dropped, as a spreadsheet application would refuse the whole file over one of them.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as SpreadsheetML holds it: without what XML cannot hold; `_xHHHH_` is how the format escapes a
 * character, so such text in the cell is itself escaped (its `_` as `_x005F_`), and a carriage return, which
 * XML parsers turn into a line feed, is written `_x000D_` as Excel does.
 */
const escapeXml = (text: string) =>
  text
    .replace(NOT_XML, '')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/\r/g, '_x000D_')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** One cell as SpreadsheetML: text as an inline string (typed text, never a formula), numbers, booleans. */
function cellXml(value: XlsxCell, ref: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'number') {
    return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : '';
  }
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  const text = escapeXml(value.slice(0, XLSX_MAX_CELL));
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

export function rowXml(values: readonly XlsxCell[], row: number): string {
  return `<row r="${row}">${values.map((v, i) => cellXml(v, `${columnName(i)}${row}`)).join('')}</row>`;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with ', not History. */
function sheetNameOf(name: string): string {
  const clean = name
    .replace(NOT_XML, '')
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .slice(0, 31)
    .trim();
  return clean && clean.toLowerCase() !== 'history' ? clean : 'Sheet1';
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const contentTypes = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const rootRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbookRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const workbook = (sheetName: string) =>
  `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheetNameOf(sheetName)).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

/** Resolves at the stream's next 'drain' or 'close', and leaves no listener behind either way. */
export const drainedOrClosed = (stream: PassThrough) =>
  new Promise<void>((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });

/** Rows are written to the zip in pieces of about this many characters. */
const BATCH_CHARS = 64 * 1024;

export interface XlsxStreamWriter {
  /**
   * Writes a row; waits while the reader is behind; throws once the reader has gone. False when the sheet is
   * full (Excel's row limit): the row was left out, and so will every later one be.
   */
  row(values: readonly XlsxCell[]): Promise<boolean>;
  end(): Promise<void>;
}

/**
 * A one-sheet Excel workbook written into `out` as rows come, with backpressure all the way: a row waits
 * until the zip has taken the previous ones, and the zip (yazl, deflating with Node's zlib off the main
 * thread) only takes more as `out` is read. So an export of a million rows holds a few buffers in memory, not
 * the file (exceljs' streaming writer keeps every row of a sheet until the sheet ends: its StreamBuf has no
 * backpressure). Only what an export needs: no styles, text as inline strings (typed, so text that looks like
 * a formula stays text), numbers and booleans. Rows past Excel's limit are dropped, cells cut at its cell
 * limit.
 */
export function xlsxStream(
  out: PassThrough,
  header: readonly XlsxCell[],
  sheetName: string,
  /** rows after the header (Excel's limit; smaller in tests) */
  maxRows = XLSX_MAX_ROWS,
): XlsxStreamWriter {
  const zip = new ZipFile();
  const sheet = new PassThrough();
  const mtime = new Date();
  const file = (text: string, name: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime });
  // yazl reports its failures on the zip file: they break the download instead of ending the process
  zip.on('error', (error: Error) => out.destroy(error));
  zip.outputStream.pipe(out);
  // the reader went away: stop feeding the zip, so a row waiting for it is released (and throws), and let
  // the zip's streams go
  out.once('close', () => {
    if (!sheet.destroyed) sheet.destroy();
    zip.outputStream.unpipe(out);
    (zip.outputStream as PassThrough).destroy();
  });
  file(contentTypes, '[Content_Types].xml');
  file(rootRels, '_rels/.rels');
  file(workbook(sheetName), 'xl/workbook.xml');
  file(workbookRels, 'xl/_rels/workbook.xml.rels');
  zip.addReadStream(sheet, 'xl/worksheets/sheet1.xml', { mtime });
  zip.end();
  // rows go to the zip in batches: zlib deflates each write in a call of its own (a thread-pool round trip),
  // which row by row tripled the export's time
  let batch = `${XML_HEAD}<worksheet xmlns="${MAIN}"><sheetData>${rowXml(header, 1)}`;
  let rows = 1;
  const gone = () => sheet.destroyed || out.destroyed;
  return {
    async row(values) {
      if (gone()) throw new Error('export aborted: the client went away');
      if (rows >= maxRows + 1) return false;
      rows += 1;
      batch += rowXml(values, rows);
      if (batch.length < BATCH_CHARS) return true;
      const full = !sheet.write(batch);
      batch = '';
      if (full) await drainedOrClosed(sheet);
      if (gone()) throw new Error('export aborted: the client went away');
      return true;
    },
    async end() {
      sheet.end(`${batch}</sheetData></worksheet>`);
      // all of the zip written into `out` (a reader gone meanwhile rejects this)
      await finished(out, { readable: false });
    },
  };
}
