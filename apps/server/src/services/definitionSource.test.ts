import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { replaceInSource } from './definitionSource.ts';

const flow = `# a comment that stays
id: greet
name: { zh: 问候, en: Greeting }
trigger:
  examples:
    zh: [你好]
    en:
      - hello
start: end
nodes:
  end:
    type: end
    text:
      zh: 一段很长很长的回答，写在一行里，不会因为保存示例而被折成好几行，也不会改变任何一个字。
      en: A long answer written on one line, that must not be folded over several lines because examples were saved.
`;

describe('replaceInSource', () => {
  it('changes only the paths given in YAML, keeping comments, styles and long lines', () => {
    const out = replaceInSource(flow, 'yaml', [
      { path: ['trigger', 'examples', 'zh'], value: ['你好', '您好'] },
      { path: ['trigger', 'examples', 'en'], value: ['hello', 'hi there'] },
    ]);
    expect(out).toContain('# a comment that stays');
    expect(out).toContain('zh: [你好, 您好]');
    expect(out).toContain('      - hi there');
    const before = parse(flow);
    const after = parse(out);
    expect(after.trigger.examples).toEqual({ zh: ['你好', '您好'], en: ['hello', 'hi there'] });
    expect({ ...after, trigger: null }).toEqual({ ...before, trigger: null });
    expect(out.split('\n').filter((line) => line.includes('A long answer'))).toHaveLength(1);
  });

  it('leaves a document alone when the value is already so, and adds no empty list', () => {
    const out = replaceInSource(flow, 'yaml', [
      { path: ['trigger', 'examples', 'zh'], value: ['你好'] },
      { path: ['vocabulary', 'synonyms'], value: [] },
    ]);
    expect(out).toBe(flow);
  });

  it('writes synonym groups one per line and keeps JSON key order and indentation', () => {
    const json = '{\n    "fallback": { "maxMisses": 3 },\n    "greeting": { "zh": "您好", "en": "Hi" }\n}\n';
    const out = replaceInSource(json, 'json', [
      { path: ['vocabulary', 'words'], value: ['同行卡'] },
      { path: ['vocabulary', 'synonyms'], value: [['退款', '退钱']] },
    ]);
    expect(Object.keys(JSON.parse(out))).toEqual(['fallback', 'greeting', 'vocabulary']);
    expect(out).toContain('\n    "fallback"');
    expect(JSON.parse(out).fallback).toEqual({ maxMisses: 3 });
    const yaml = replaceInSource('fallback:\n  maxMisses: 3\n', 'yaml', [
      { path: ['vocabulary', 'synonyms'], value: [['退款', '退钱', 'refund']] },
    ]);
    expect(yaml).toBe('fallback:\n  maxMisses: 3\nvocabulary:\n  synonyms:\n    - [退款, 退钱, refund]\n');
  });
});
