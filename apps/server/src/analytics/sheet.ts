import { PassThrough, type Readable } from 'node:stream';
import Papa from 'papaparse';
import { drainedOrClosed, xlsxStream } from './xlsxStream.ts';

export type Cell = string | number | boolean | null;

/** A table written a row at a time to a stream the response sends as it is produced. */
export interface SheetWriter {
  /** false once the file can take no more rows (Excel's row limit): stop producing them */
  row(values: Cell[]): Promise<boolean>;
  end(): Promise<void>;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * A spreadsheet opening a CSV would run text starting like a formula: prefix it so it stays text. (XLSX
 * cells are typed: a string cell is never a formula, so XLSX keeps the text as it is.)
 */
const safe = (value: Cell): Cell =>
  typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;

/** Waits while the reader is behind, so a large export never piles up in memory. */
async function backpressure(stream: PassThrough): Promise<void> {
  if (stream.writableNeedDrain || stream.writableLength > stream.writableHighWaterMark)
    await drainedOrClosed(stream);
  if (stream.destroyed) throw new Error('export aborted: the client went away');
}

function csvWriter(out: PassThrough, header: string[]): SheetWriter {
  const line = (values: Cell[]) =>
    `${Papa.unparse([values.map((v) => safe(v ?? ''))], { newline: '\r\n' })}\r\n`;
  out.write(`\uFEFF${line(header)}`);
  return {
    async row(values) {
      out.write(line(values));
      await backpressure(out);
      return true;
    },
    async end() {
      out.end();
    },
  };
}

/**
 * Starts writing a table (`produce` writes its rows) and returns the stream to send at once: rows are
 * produced as the client reads them. A failure ends the stream with an error (the download breaks rather
 * than looking complete).
 */
export function streamSheet(
  format: 'csv' | 'xlsx',
  header: string[],
  sheetName: string,
  produce: (writer: SheetWriter) => Promise<void>,
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough();
  const writer = format === 'csv' ? csvWriter(out, header) : xlsxStream(out, header, sheetName);
  void (async () => {
    try {
      await produce(writer);
      await writer.end();
    } catch (error) {
      if (!out.destroyed) {
        onError(error);
        out.destroy(error as Error);
      }
    }
  })();
  return out;
}
