import type { IntentSummary } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  exampleProblems,
  examplesElsewhere,
  intentName,
  phrasingKey,
  problemsByExample,
  searchIntents,
} from './intents.ts';
import { worstFirst } from './report.ts';
import { cleanVocabulary, serverProblems, vocabularyProblems } from './vocabulary.ts';

const intent = (
  id: string,
  zh: string[],
  en: string[],
  extra: Partial<IntentSummary> = {},
): IntentSummary => ({
  id,
  source: 'knowledge',
  key: id,
  name: { zh: zh[0] ?? null, en: en[0] ?? null },
  category: 'orders',
  enabled: true,
  editable: true,
  examples: { zh, en },
  ...extra,
});

describe('intents', () => {
  const track = intent('orders.track', ['我的订单到哪了', '怎么查物流'], ['Where is my order?']);
  const cancel = intent('orders.cancel', ['怎么取消订单'], []);
  const flow = intent('flow:return', ['我要退货'], ['Return an item'], {
    source: 'flow',
    key: 'return',
    name: { zh: '退货申请', en: 'Return request' },
    category: null,
  });

  it('names an intent in the reader’s language, else the other one, else by its key', () => {
    expect(intentName(track, 'en')).toBe('Where is my order?');
    expect(intentName(cancel, 'en')).toBe('怎么取消订单');
    expect(intentName({ key: 'x', name: { zh: null, en: null } }, 'zh')).toBe('x');
  });

  it('finds intents by any word of their name, key, category or examples', () => {
    expect(searchIntents([track, cancel, flow], '物流').map((i) => i.id)).toEqual(['orders.track']);
    expect(searchIntents([track, cancel, flow], 'RETURN').map((i) => i.id)).toEqual(['flow:return']);
    expect(searchIntents([track, cancel, flow], 'orders 取消').map((i) => i.id)).toEqual(['orders.cancel']);
    expect(searchIntents([track, cancel], '  ')).toHaveLength(2);
  });

  it('compares phrasings as the bot does, and finds the other intents that have one', () => {
    expect(phrasingKey('Where is my ORDER ?')).toBe(phrasingKey('where is my order'));
    const twin = intent('orders.where', ['我的订单到哪了！'], []);
    const off = intent('orders.old', ['我的订单到哪了'], [], { enabled: false });
    const owners = examplesElsewhere([track, twin, off, cancel], 'orders.track');
    expect(owners.get(phrasingKey('我的订单到哪了'))?.map((i) => i.id)).toEqual(['orders.where']);
    expect(owners.has(phrasingKey('怎么查物流'))).toBe(false);
  });

  it('flags empty, too long and repeated examples by language and index', () => {
    const problems = exampleProblems({ zh: ['查物流', ' ', '查 物流'], en: ['x'.repeat(201)] });
    expect([...problems]).toEqual([
      ['zh.1', 'empty'],
      ['zh.2', 'repeated'],
      ['en.0', 'tooLong'],
    ]);
  });

  it('puts the server’s problems at the example they concern', () => {
    const byPath = problemsByExample([
      { path: 'examples.zh.2', message: 'too long' },
      { path: 'examples', message: 'at least one phrasing' },
    ]);
    expect(byPath.get('zh.2')).toBe('too long');
    expect(byPath.get('')).toBe('at least one phrasing');
  });
});

describe('vocabulary', () => {
  it('finds groups too small or sharing a word, and long words, at their field', () => {
    const problems = vocabularyProblems({
      words: ['同行卡', '字'.repeat(51)],
      synonyms: [['退款', '退钱'], ['退钱', '返款'], ['单独'], []],
    });
    expect(problems.get('words')).toEqual({ kind: 'tooLong', word: '字'.repeat(51) });
    expect(problems.get('synonyms.0')).toBeUndefined();
    expect(problems.get('synonyms.1')).toEqual({ kind: 'shared', word: '退钱', group: 1 });
    expect(problems.get('synonyms.2')).toEqual({ kind: 'groupTooSmall' });
    expect(problems.has('synonyms.3')).toBe(false);
  });

  it('maps the server’s paths to fields and leaves empty groups out when saving', () => {
    const problems = serverProblems([
      { path: 'synonyms.1.0', message: 'shared' },
      { path: 'words.4', message: 'too long' },
    ]);
    expect(problems.get('synonyms.1')).toEqual({ kind: 'server', message: 'shared' });
    expect(problems.get('words')).toEqual({ kind: 'server', message: 'too long' });
    expect(cleanVocabulary({ words: [' 同行卡 '], synonyms: [[], ['退款 ', '退钱']] })).toEqual({
      words: ['同行卡'],
      synonyms: [['退款', '退钱']],
    });
  });
});

describe('report', () => {
  it('sorts intents worst first', () => {
    const row = (intent: string, f1: number, recall: number, support: number) => ({
      intent,
      source: 'knowledge' as const,
      key: intent,
      name: { zh: null, en: null },
      precision: 0,
      recall,
      f1,
      support,
    });
    const rows = [row('a', 0.9, 0.9, 5), row('b', 0.2, 0.5, 5), row('c', 0.2, 0.1, 3), row('d', 0.2, 0.1, 9)];
    expect(rows.sort(worstFirst).map((r) => r.intent)).toEqual(['d', 'c', 'b', 'a']);
  });
});
