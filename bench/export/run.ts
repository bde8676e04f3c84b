/**
 * Excel export benchmark: what writing a conversation export as XLSX costs in memory and time, Tandem's
 * streamed writer (apps/server/src/analytics/xlsxStream.ts) against exceljs' streaming WorkbookWriter (what
 * the export used before) in the same run, each in a child process of its own so that one's memory does not
 * count for the other. The reader takes the file as fast as it comes; rows look like the conversation export's
 * (short fields and a transcript of random words, so the zip cannot shrink it away).
 *
 *   npm run bench:export                       50,000 and 200,000 rows
 *   npm run bench:export -- --rows 100000      one size
 */
import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { xlsxStream } from '../../apps/server/src/analytics/xlsxStream.ts';

type Writer = 'tandem' | 'exceljs';

const args = process.argv.slice(2);
const at = args.indexOf('--child');

function row(i: number): (string | number | null)[] {
  const words = Array.from({ length: 40 }, () => Math.random().toString(36).slice(2, 10));
  return [`conv-${i}`, '2026-12-07T10:00:00Z', null, 'widget', 'zh', i % 7, words.join(' 客户 ')];
}

/** In the child: writes `rows` rows with one writer and prints one JSON line. */
async function child(writer: Writer, rows: number): Promise<void> {
  const out = new PassThrough();
  const header = ['conversation', 'started', 'ended', 'channel', 'language', 'transfers', 'transcript'];
  const start = process.memoryUsage().rss;
  let peak = start;
  let bytes = 0;
  const reading = (async () => {
    for await (const chunk of out) {
      bytes += (chunk as Buffer).length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  })();
  const cpu = process.cpuUsage();
  const started = performance.now();
  if (writer === 'tandem') {
    const sheet = xlsxStream(out, header, 'conversations');
    for (let i = 0; i < rows; i++) await sheet.row(row(i));
    await sheet.end();
  } else {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('conversations');
    sheet.addRow(header).commit();
    for (let i = 0; i < rows; i++) {
      sheet.addRow(row(i)).commit();
      // as the export did: wait while the response is behind (exceljs' own buffers never say so)
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    sheet.commit();
    await workbook.commit();
  }
  await reading;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      mb: bytes / 1e6,
      peakMb: (peak - start) / 1e6,
      seconds: (performance.now() - started) / 1000,
      cpu: (used.user + used.system) / 1e6,
    }),
  );
}

if (at >= 0) {
  await child(args[at + 1] as Writer, Number(args[at + 2]));
} else {
  const i = args.indexOf('--rows');
  const sizes = i >= 0 ? [Number(args[i + 1])] : [50_000, 200_000];
  if (!sizes.every((n) => Number.isInteger(n) && n > 0 && n <= 1_048_575)) {
    console.error('bench:export: --rows takes a whole number from 1 to 1,048,575');
    process.exit(2);
  }
  const self = fileURLToPath(import.meta.url);
  console.log('\nAn XLSX conversation export, written as fast as the reader takes it\n');
  console.log('| rows | writer | file MB | peak RSS above start | time | CPU |');
  console.log('|---:|---|---:|---:|---:|---:|');
  for (const rows of sizes) {
    for (const writer of ['exceljs', 'tandem'] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', writer, String(rows)], {
        encoding: 'utf8',
      });
      if (run.status !== 0) {
        console.error(run.stderr);
        process.exit(1);
      }
      const r = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
      const name = writer === 'tandem' ? 'Tandem (yazl, streamed)' : 'exceljs WorkbookWriter';
      console.log(
        `| ${rows.toLocaleString('en')} | ${name} | ${r.mb.toFixed(1)} | ${Math.round(r.peakMb)} MB | ${r.seconds.toFixed(1)} s | ${r.cpu.toFixed(1)} s |`,
      );
    }
  }
}
