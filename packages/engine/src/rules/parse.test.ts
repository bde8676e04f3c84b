// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule format's list of actions
import { describe, expect, it } from 'vitest';
import { parseRules } from './parse.ts';

const GOOD = `
rules:
  - id: fraud-code
    name: Anti-fraud
    enabled: true
    priority: 10
    when:
      any:
        - keywords: [验证码发我]
        - regex: '验证码.{0,10}告诉我'
    then:
      - answer: { zh: 请勿泄露验证码, en: Never share codes }
      - tag: fraud-risk
`;

function errorsOf(source: unknown, format?: 'json' | 'yaml') {
  const result = parseRules(source, format);
  if (result.ok) throw new Error('expected the rules to be rejected');
  return result.errors;
}

function rule(overrides: Record<string, unknown> = {}) {
  return {
    id: 'r1',
    name: 'Rule one',
    enabled: true,
    when: { any: [{ keywords: ['hello'] }] },
    then: [{ tag: 'greeting' }],
    ...overrides,
  };
}

describe('parseRules', () => {
  it('reads YAML, JSON and parsed values, and a bare list of rules', () => {
    const yaml = parseRules(GOOD);
    expect(yaml.ok).toBe(true);
    if (!yaml.ok) return;
    expect(yaml.rules[0]).toMatchObject({
      id: 'fraud-code',
      priority: 10,
      then: [{ answer: { zh: '请勿泄露验证码' } }, { tag: 'fraud-risk' }],
    });
    expect(parseRules(JSON.stringify({ rules: yaml.rules }), 'json')).toEqual(yaml);
    expect(parseRules(JSON.stringify(yaml.rules))).toEqual(yaml);
    expect(parseRules({ rules: yaml.rules })).toEqual(yaml);
  });

  it('names the exact path of an unsafe regular expression', () => {
    for (const evil of ['(a+)+$', '(a|aa)+$', '(.*a){12}', '^(\\w+\\s?)*$']) {
      const errors = errorsOf({
        rules: [
          rule(),
          rule({ id: 'r2' }),
          rule({ id: 'r3', when: { all: [{ intent: 'x' }], any: [{ regex: evil }] } }),
        ],
      });
      expect(errors).toHaveLength(1);
      expect(errors[0]?.path).toBe('rules[2].when.any[0].regex');
      expect(errors[0]?.message).toMatch(/^unsafe regular expression/);
    }
  });

  it('names the path of invalid syntax and bad flags', () => {
    expect(errorsOf({ rules: [rule({ when: { all: [{ keywords: ['a'] }, { regex: '(abc' }] } })] })).toEqual([
      { path: 'rules[0].when.all[1].regex', message: expect.stringContaining('Unterminated group') },
    ]);
    expect(errorsOf({ rules: [rule({ when: { any: [{ regex: 'abc', flags: 'gi' }] } })] })[0]?.path).toBe(
      'rules[0].when.any[0].flags',
    );
  });

  it('rejects duplicate ids at the later rule', () => {
    expect(errorsOf({ rules: [rule(), rule({ name: 'Again' })] })).toEqual([
      { path: 'rules[1].id', message: 'duplicate id "r1" (also rules[0].id)' },
    ]);
  });

  it('reports missing, empty and unknown fields with their paths', () => {
    const errors = errorsOf({
      rules: [rule({ when: {}, then: [], regx: 'a' }), rule({ id: 'r2', enabled: 'yes', name: ' ' })],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'rules[0].regx', message: 'unknown field "regx"' },
        { path: 'rules[0].when', message: 'give "any" or "all" (or both)' },
        { path: 'rules[0].then', message: 'must have at least one action' },
        { path: 'rules[1].enabled', message: expect.stringContaining('expected boolean') },
        { path: 'rules[1].name', message: 'must not be empty' },
      ]),
    );
    expect(errorsOf({ rules: [rule({ when: { any: [] } })] })).toEqual([
      { path: 'rules[0].when.any', message: 'must have at least one condition' },
    ]);
    expect(errorsOf({ rule: [] })).toEqual(
      expect.arrayContaining([
        { path: 'rule', message: 'unknown field "rule"' },
        { path: 'rules', message: expect.stringContaining('expected array') },
      ]),
    );
  });

  it('tells condition and action kinds apart by their key', () => {
    const errors = errorsOf({
      rules: [
        rule({
          when: {
            any: [{ keywords: ['a'], regex: 'b' }, { keyword: ['a'] }, { intent: 'x', minConfidence: 2 }],
          },
          then: [{ answer: { zh: '好' } }, { tag: 'has space' }, 'tag'],
        }),
      ],
    });
    expect(errors).toEqual([
      {
        path: 'rules[0].when.any[0]',
        message: 'a condition has both "keywords" and "regex"; put each in its own entry',
      },
      {
        path: 'rules[0].when.any[1]',
        message:
          'a condition must be an object with one of: keywords, regex, intent, examples, emotion, attribute',
      },
      { path: 'rules[0].when.any[2].minConfidence', message: expect.stringContaining('<=1') },
      { path: 'rules[0].then[0].answer.en', message: expect.stringContaining('expected string') },
      { path: 'rules[0].then[1].tag', message: 'must be one word without spaces or commas, e.g. fraud-risk' },
      {
        path: 'rules[0].then[2]',
        message: 'an action must be an object with one of: answer, handover, tag, block',
      },
    ]);
  });

  it('checks emotion, attribute and keyword conditions', () => {
    const errors = errorsOf({
      rules: [
        rule({
          when: {
            all: [
              { emotion: {} },
              { emotion: { basic: ['angry'] } },
              { attribute: { name: 'ageGroup', op: 'in', value: '60+' } },
              { attribute: { name: 'age', op: 'gte', value: '60' } },
              { keywords: ['验证码', '！！！'] },
            ],
          },
        }),
      ],
    });
    expect(errors).toEqual([
      { path: 'rules[0].when.all[0].emotion', message: 'give at least one of basic, states or minIntensity' },
      { path: 'rules[0].when.all[1].emotion.basic[0]', message: expect.stringContaining('anger') },
      { path: 'rules[0].when.all[2].attribute.value', message: '"in" needs a list of values' },
      { path: 'rules[0].when.all[3].attribute.value', message: '"gte" needs a number' },
      {
        path: 'rules[0].when.all[4].keywords[1]',
        message: 'has no letters or digits once punctuation is ignored',
      },
    ]);
  });

  it('rejects actions that contradict each other', () => {
    const errors = errorsOf({
      rules: [
        rule({
          stop: false,
          then: [
            { block: { zh: '停', en: 'Stop' } },
            { answer: { zh: '好', en: 'OK' } },
            { block: { zh: '停', en: 'Stop' } },
          ],
        }),
      ],
    });
    expect(errors).toEqual([
      { path: 'rules[0].then[2]', message: 'a rule can have only one "block" action (see then[0])' },
      { path: 'rules[0].then[1]', message: 'a rule that blocks cannot also answer' },
      { path: 'rules[0].stop', message: 'a rule that blocks always stops; remove "stop: false"' },
    ]);
  });

  it('reports broken YAML and JSON at the root', () => {
    const yaml = errorsOf('rules:\n  - id: a\n   name: b\n');
    expect(yaml[0]?.path).toBe('');
    expect(yaml[0]?.message).toMatch(/^not valid YAML/);
    expect(errorsOf('{"rules": [', 'json')[0]?.message).toMatch(/^not valid JSON/);
    expect(errorsOf('rules: []\nrules: []\n')[0]?.message).toMatch(/not valid YAML.*[Uu]nique/s);
    expect(errorsOf('just text')[0]).toEqual({
      path: '',
      message: expect.stringContaining('expected object'),
    });
  });
});
