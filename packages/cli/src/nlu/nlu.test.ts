import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nluCommand } from '../commands/nlu.ts';
import { parseNluArgs } from './args.ts';
import { readIntentRows, readTextRows } from './jsonl.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-nlu-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const train = [
  ...[
    'I want a refund',
    'refund my order please',
    'how do I get my money back',
    '我要退款',
    '怎么申请退款',
  ].map((text) => ({ text, intent: 'refund' })),
  ...[
    'where is my parcel',
    'track my order',
    'when will my package arrive',
    '我的快递到哪了',
    '查一下物流',
  ].map((text) => ({ text, intent: 'shipping' })),
  ...['tell me a joke', 'what is the capital of peru'].map((text) => ({ text, intent: 'oos' })),
];
const jsonl = (rows: object[]): string => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

describe('reading JSON lines', () => {
  it('names the file and line of a malformed row', async () => {
    const bad = file('bad.jsonl', '{"text":"a","intent":"x"}\n\n{"text": "b" "intent"}\n');
    await expect(readIntentRows(bad)).rejects.toThrow(`${bad}:3: not valid JSON`);
    const noIntent = file('no-intent.jsonl', '{"text":"a"}\n');
    await expect(readIntentRows(noIntent)).rejects.toThrow(`${noIntent}:1: missing "intent"`);
    const notObject = file('array.jsonl', '["a"]\n');
    await expect(readTextRows(notObject)).rejects.toThrow(':1: expected a JSON object');
  });

  it('rejects invalid UTF-8 with its line number instead of guessing', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text":"ok"}\n{"text":"a'),
      Buffer.from([0xff]),
      Buffer.from('"}\n'),
    ]);
    await expect(readTextRows(file('latin1.jsonl', bytes))).rejects.toThrow(':2: not valid UTF-8');
  });

  it('skips blank lines and keeps optional intents', async () => {
    const rows = await readTextRows(file('test.jsonl', '{"text":"a"}\n\n{"text":"b","intent":"x"}'));
    expect(rows).toEqual([{ text: 'a' }, { text: 'b', intent: 'x' }]);
  });
});

describe('parseNluArgs', () => {
  it('parses flags and refuses unknown or incomplete ones', () => {
    expect(parseNluArgs(['--train', 'a', '--test', 'b', '--lang', 'zh', '--json'])).toEqual({
      train: 'a',
      test: 'b',
      lang: 'zh',
      json: true,
    });
    expect(parseNluArgs(['--lang', 'fr'])).toBe('--lang must be auto, zh or en');
    expect(parseNluArgs(['--out'])).toBe('--out needs a value');
    expect(parseNluArgs(['--verbose'])).toBe('unknown argument --verbose');
  });
});

describe('tandem nlu', () => {
  let stderr: string[];
  let stdout: string[];
  beforeEach(() => {
    stderr = [];
    stdout = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('predict writes one row per test row, in order, and timings to stderr', async () => {
    const trainFile = file('train.jsonl', jsonl(train));
    const testFile = file(
      'test.jsonl',
      jsonl([{ text: 'I would like a refund' }, { text: '包裹到哪了' }, { text: '🙂' }]),
    );
    const out = join(dir, 'pred.jsonl');
    expect(await nluCommand(['predict', '--train', trainFile, '--test', testFile, '--out', out])).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; intent: string; confidence: number });
    expect(rows.map((r) => r.text)).toEqual(['I would like a refund', '包裹到哪了', '🙂']);
    expect(rows.map((r) => r.intent)).toEqual(['refund', 'shipping', 'oos']);
    for (const r of rows) expect(r.confidence).toBeGreaterThanOrEqual(0);
    const timing = JSON.parse(stderr.find((l) => l.startsWith('{'))!) as Record<string, number>;
    expect(Object.keys(timing).sort()).toEqual(['n', 'predict_ms', 'train_ms']);
    expect(timing.n).toBe(3);
  });

  it('eval prints the headline metrics', async () => {
    const trainFile = file('train2.jsonl', jsonl(train));
    const testFile = file(
      'test2.jsonl',
      jsonl([
        { text: 'refund please', intent: 'refund' },
        { text: 'sing a song', intent: 'oos' },
      ]),
    );
    expect(await nluCommand(['eval', '--train', trainFile, '--test', testFile])).toBe(0);
    const text = stdout.join('');
    for (const label of ['in-scope accuracy', 'out-of-scope recall', 'out-of-scope precision', 'macro-F1']) {
      expect(text).toContain(label);
    }
  });

  it('exits non-zero with the line number on a malformed file', async () => {
    const bad = file('bad2.jsonl', '{"text":"a","intent":"x"}\n{oops}\n');
    expect(await nluCommand(['predict', '--train', bad, '--test', bad, '--out', join(dir, 'x.jsonl')])).toBe(
      1,
    );
    expect(stderr.join('')).toContain(`${bad}:2`);
    expect(await nluCommand(['predict', '--train', bad])).toBe(2);
  });
});
