import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBasicEmotion } from '@tandem/engine';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emotionCommand } from './commands/emotion.ts';
import { nluCommand } from './commands/nlu.ts';
import { readTrainRows } from './emotion/jsonl.ts';

const dir = mkdtempSync(join(tmpdir(), 'tandem-proto-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const jsonl = (rows: object[]): string => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

/** Names of Object.prototype's members: data must never find them in a lookup table. */
const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

describe('the CLI and names of Object.prototype members', () => {
  let stderr: string[];
  beforeEach(() => {
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('refuses them as emotion labels, naming the line', async () => {
    for (const [i, word] of WORDS.entries()) {
      const path = file(
        `label-${i}.jsonl`,
        `{"text":"fine","label":"joy"}\n{"text":"a ${word}","label":"${word}"}\n`,
      );
      await expect(readTrainRows(path, toBasicEmotion)).rejects.toThrow(/:2: unknown label/);
      const multi = file(`labels-${i}.jsonl`, `{"text":"x","label":null,"labels":["anger","${word}"]}\n`);
      await expect(readTrainRows(multi, toBasicEmotion)).rejects.toThrow(/:1: unknown label/);
    }
  });

  it('predicts emotions of texts that contain them', async () => {
    const test = file(
      'emotion-test.jsonl',
      jsonl(WORDS.map((w) => ({ text: `the ${w} is broken, I am furious!!` }))),
    );
    const out = join(dir, 'emotion-pred.jsonl');
    expect(await emotionCommand(['predict', '--test', test, '--out', out, '--model', 'none'])).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows.map((r) => (JSON.parse(r) as { basic: string }).basic)).toEqual(WORDS.map(() => 'anger'));
  });

  it('trains intents named after them and predicts them', async () => {
    const train = file(
      'intent-train.jsonl',
      jsonl([
        ...['what is a constructor', 'explain the constructor', 'constructor 是什么'].map((text) => ({
          text,
          intent: 'constructor',
        })),
        ...['the __proto__ of toString', 'toString and valueOf', 'hasOwnProperty prototype'].map((text) => ({
          text,
          intent: '__proto__',
        })),
        ...['I want a refund', 'refund my order', '我要退款'].map((text) => ({ text, intent: 'refund' })),
      ]),
    );
    const test = file(
      'intent-test.jsonl',
      jsonl([{ text: 'constructor' }, { text: 'what is the __proto__ of toString' }]),
    );
    const out = join(dir, 'intent-pred.jsonl');
    expect(await nluCommand(['predict', '--train', train, '--test', test, '--out', out])).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { intent: string });
    expect(rows.map((r) => r.intent)).toEqual(['constructor', '__proto__']);
    expect(stderr.join('')).not.toContain('Spread syntax');
  });
});
