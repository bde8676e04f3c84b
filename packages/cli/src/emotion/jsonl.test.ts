import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BasicEmotion } from '@tandem/engine';
import { describe, expect, it } from 'vitest';
import { parsePredictArgs } from './args.ts';
import { readTestRows, readTrainRows } from './jsonl.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-emotion-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const LABELS: Record<string, BasicEmotion> = { anger: 'anger', angry: 'anger', joy: 'joy' };
const parseLabel = (label: string): BasicEmotion | undefined => LABELS[label];

describe('emotion CLI input', () => {
  it('reads test rows in order and skips blank lines', async () => {
    const path = file('ok.jsonl', '{"text":"你好"}\n\n{"text":"thanks!"}\n');
    expect(await readTestRows(path)).toEqual(['你好', 'thanks!']);
  });

  it('names the line of malformed JSON', async () => {
    const path = file('bad.jsonl', '{"text":"a"}\n{"text": oops}\n');
    await expect(readTestRows(path)).rejects.toThrow(/bad\.jsonl:2: not valid JSON/);
  });

  it('rejects rows without a string text', async () => {
    const path = file('notext.jsonl', '{"text":"a"}\n{"text":"b"}\n{"txt":"c"}\n');
    await expect(readTestRows(path)).rejects.toThrow(/:3: "text" must be a string/);
    await expect(readTestRows(file('array.jsonl', '["a"]\n'))).rejects.toThrow(/:1: expected a JSON object/);
  });

  it('reads training labels, accepting data-set aliases and skipping null labels', async () => {
    const path = file(
      'train.jsonl',
      '{"text":"a","label":"angry"}\n{"text":"b","label":null}\n{"text":"c","label":"joy"}\n',
    );
    expect(await readTrainRows(path, parseLabel)).toEqual({
      rows: [
        { text: 'a', label: 'anger' },
        { text: 'c', label: 'joy' },
      ],
      skipped: 1,
    });
  });

  it('turns a multi-label row into one weighted example per label', async () => {
    const path = file(
      'multi.jsonl',
      '{"text":"a","label":null,"labels":["anger","joy"]}\n{"text":"b","label":null,"labels":["joy"]}\n',
    );
    expect(await readTrainRows(path, parseLabel)).toEqual({
      rows: [
        { text: 'a', label: 'anger', weight: 0.5 },
        { text: 'a', label: 'joy', weight: 0.5 },
        { text: 'b', label: 'joy' },
      ],
      skipped: 0,
    });
    const bad = file('multibad.jsonl', '{"text":"a","label":null,"labels":["rage"]}\n');
    await expect(readTrainRows(bad, parseLabel)).rejects.toThrow(/:1: unknown label "rage"/);
  });

  it('rejects unknown training labels with the line number', async () => {
    const path = file('label.jsonl', '{"text":"a","label":"anger"}\n{"text":"b","label":"rage"}\n');
    await expect(readTrainRows(path, parseLabel)).rejects.toThrow(/:2: unknown label "rage"/);
  });
});

describe('parsePredictArgs', () => {
  it('parses --model', () => {
    expect(parsePredictArgs(['--test', 't', '--out', 'p', '--model', 'none'])).toEqual({
      test: 't',
      out: 'p',
      model: 'none',
    });
  });

  it('parses the contract', () => {
    expect(parsePredictArgs(['--test', 't.jsonl', '--out', 'p.jsonl'])).toEqual({
      test: 't.jsonl',
      out: 'p.jsonl',
    });
    expect(parsePredictArgs(['--test', 't', '--out', 'p', '--train', 'r', '--lang', 'zh'])).toEqual({
      test: 't',
      out: 'p',
      train: 'r',
      lang: 'zh',
    });
  });

  it('explains what is wrong', () => {
    expect(parsePredictArgs(['--test', 't'])).toMatch(/required/);
    expect(parsePredictArgs(['--test'])).toMatch(/needs a value/);
    expect(parsePredictArgs(['--bogus', 'x'])).toMatch(/unknown option/);
    expect(parsePredictArgs(['--test', 't', '--out', 'p', '--lang', 'fr'])).toMatch(/--lang/);
    expect(parsePredictArgs(['--test', 't', '--out', 'p', '--model', 'big'])).toMatch(/--model/);
    expect(parsePredictArgs(['--test', 't', '--out', 'p', '--model', 'none', '--train', 'r'])).toMatch(
      /cannot be combined/,
    );
  });
});
