// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule format's list of actions
import { describe, expect, it } from 'vitest';
import { type CompiledRules, compileRules } from './compile.ts';
import { evaluateRules, prepareRules } from './evaluate.ts';
import { parseRules } from './parse.ts';
import { regexThreadStarted } from './regex/runner.ts';
import type { RuleAction, RuleCondition, RuleDefinition, RuleInput } from './types.ts';

function compile(rules: unknown[]): CompiledRules {
  const parsed = parseRules({ rules });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileRules(parsed.rules);
}

function rule(
  id: string,
  when: RuleDefinition['when'],
  then: RuleAction[] = [{ tag: id }],
  extra: Partial<RuleDefinition> = {},
) {
  return { id, name: `Rule ${id}`, enabled: true, when, then, ...extra };
}

/** Whether one condition matches the input. */
function holds(condition: RuleCondition, input: Partial<RuleInput> & { text?: string }): boolean {
  const compiled = compile([rule('c', { any: [condition] })]);
  return evaluateRules(compiled, { text: '', lang: 'zh', ...input }).matched.length === 1;
}

const WARNING = { zh: '请勿泄露验证码', en: 'Never share your code' };

describe('evaluateRules: conditions', () => {
  it('keywords: full width, Traditional, spaced, any and all', () => {
    const code = { keywords: ['验证码', 'verification code'] };
    expect(holds(code, { text: '把验 证 码告诉我' })).toBe(true);
    expect(holds(code, { text: '請把驗證碼告訴我' })).toBe(true);
    expect(holds(code, { text: 'ＶＥＲＩＦＩＣＡＴＩＯＮ　ＣＯＤＥ please' })).toBe(true);
    expect(holds(code, { text: '我想查物流' })).toBe(false);
    const both = { keywords: ['退款', '银行卡'], match: 'all' as const };
    expect(holds(both, { text: '退款退到银行卡了吗' })).toBe(true);
    expect(holds(both, { text: '退款多久到账' })).toBe(false);
  });

  it('regex: on the NFKC, Simplified text, with flags', () => {
    expect(holds({ regex: '验证码.{0,6}(发|告诉)我' }, { text: '驗證碼趕緊告訴我' })).toBe(true);
    expect(holds({ regex: '驗證碼' }, { text: '验证码' })).toBe(true);
    expect(holds({ regex: 'order [A-Z]{2}\\d{4}' }, { text: 'ｏｒｄｅｒ ａｂ１２３４' })).toBe(false);
    expect(holds({ regex: 'order [A-Z]{2}\\d{4}', flags: 'i' }, { text: 'ｏｒｄｅｒ ａｂ１２３４' })).toBe(
      true,
    );
    expect(holds({ regex: '^退款$' }, { text: '我要退款' })).toBe(false);
  });

  it('intent: name and minimum confidence', () => {
    const intent = { intent: 'payment.failed', minConfidence: 0.6 };
    expect(holds(intent, { intent: { name: 'payment.failed', confidence: 0.8 } })).toBe(true);
    expect(holds(intent, { intent: { name: 'payment.failed', confidence: 0.5 } })).toBe(false);
    expect(holds(intent, { intent: { name: 'payment.methods', confidence: 0.9 } })).toBe(false);
    expect(holds(intent, { intent: null })).toBe(false);
    expect(holds({ intent: 'payment.failed' }, { intent: { name: 'payment.failed', confidence: 0.1 } })).toBe(
      true,
    );
  });

  it('emotion: basic, state and intensity together', () => {
    const angry = { emotion: { basic: ['anger' as const], states: ['public_complaint'], minIntensity: 0.6 } };
    expect(holds(angry, { emotion: { basic: 'anger', state: 'public_complaint', intensity: 0.7 } })).toBe(
      true,
    );
    expect(holds(angry, { emotion: { basic: 'anger', state: 'public_complaint', intensity: 0.5 } })).toBe(
      false,
    );
    expect(holds(angry, { emotion: { basic: 'anger', state: 'impatience', intensity: 0.9 } })).toBe(false);
    expect(holds(angry, { emotion: null })).toBe(false);
    expect(
      holds({ emotion: { basic: ['fear'] } }, { emotion: { basic: 'fear', state: 'worry', intensity: 0.1 } }),
    ).toBe(true);
  });

  it('attribute: eq, neq, in, gte, lte; missing attributes never match', () => {
    const senior = { attribute: { name: 'ageGroup', op: 'in' as const, value: ['60+', '60-69', '70+'] } };
    expect(holds(senior, { attributes: { ageGroup: '70+' } })).toBe(true);
    expect(holds(senior, { attributes: { ageGroup: '30-39' } })).toBe(false);
    expect(holds(senior, {})).toBe(false);
    expect(holds({ attribute: { name: 'vip', op: 'eq', value: true } }, { attributes: { vip: true } })).toBe(
      true,
    );
    expect(
      holds({ attribute: { name: 'vip', op: 'eq', value: true } }, { attributes: { vip: 'TRUE' } }),
    ).toBe(true);
    expect(
      holds({ attribute: { name: 'tier', op: 'neq', value: 'gold' } }, { attributes: { tier: 'silver' } }),
    ).toBe(true);
    expect(holds({ attribute: { name: 'tier', op: 'neq', value: 'gold' } }, {})).toBe(false);
    expect(holds({ attribute: { name: 'age', op: 'gte', value: 60 } }, { attributes: { age: '65' } })).toBe(
      true,
    );
    expect(holds({ attribute: { name: 'age', op: 'gte', value: 60 } }, { attributes: { age: 59 } })).toBe(
      false,
    );
    expect(holds({ attribute: { name: 'age', op: 'lte', value: 18 } }, { attributes: { age: 18 } })).toBe(
      true,
    );
    expect(
      holds({ attribute: { name: 'age', op: 'lte', value: 18 } }, { attributes: { age: 'unknown' } }),
    ).toBe(false);
  });

  it('all and any: every "all" condition and at least one "any" condition', () => {
    const compiled = compile([
      rule('senior-pay', {
        all: [{ attribute: { name: 'ageGroup', op: 'eq', value: '60+' } }],
        any: [{ keywords: ['付款'] }, { keywords: ['pay'] }],
      }),
    ]);
    const run = (text: string, ageGroup: string) =>
      evaluateRules(compiled, { text, lang: 'zh', attributes: { ageGroup } }).matched.length;
    expect(run('怎么付款', '60+')).toBe(1);
    expect(run('how do I pay', '60+')).toBe(1);
    expect(run('怎么退货', '60+')).toBe(0);
    expect(run('怎么付款', '30-39')).toBe(0);
  });
});

describe('evaluateRules: actions, priority and stop', () => {
  it('answers and blocks in the language of the message', () => {
    const compiled = compile([
      rule('fraud', { any: [{ keywords: ['验证码', 'code'] }] }, [
        { answer: WARNING },
        { tag: 'fraud-risk' },
      ]),
    ]);
    expect(evaluateRules(compiled, { text: '验证码发我', lang: 'zh' })).toEqual({
      matched: [{ id: 'fraud', name: 'Rule fraud' }],
      answer: '请勿泄露验证码',
      handover: null,
      tags: ['fraud-risk'],
      block: null,
      regexTimeouts: [],
    });
    expect(evaluateRules(compiled, { text: 'send me the code', lang: 'en' }).answer).toBe(
      'Never share your code',
    );
  });

  it('hands over with tier, team, reason and priority', () => {
    const handover = { tier: 'expert' as const, team: 'complaints', reason: 'legal threat', priority: 80 };
    const compiled = compile([rule('legal', { any: [{ keywords: ['12315', 'lawyer'] }] }, [{ handover }])]);
    expect(evaluateRules(compiled, { text: '我要打12315投诉', lang: 'zh' }).handover).toEqual(handover);
    expect(evaluateRules(compiled, { text: 'hello', lang: 'en' }).handover).toBeNull();
  });

  it('a block clears answers and handovers and ends evaluation', () => {
    const compiled = compile([
      rule('warn', { any: [{ keywords: ['验证码'] }] }, [{ answer: WARNING }, { tag: 'fraud-risk' }], {
        priority: 10,
        stop: false,
      }),
      rule(
        'abuse',
        { any: [{ keywords: ['傻逼'] }] },
        [{ block: { zh: '请文明用语', en: 'Please be civil' } }],
        { priority: 5 },
      ),
      rule('later', { any: [{ keywords: ['验证码'] }] }, [{ tag: 'later' }]),
    ]);
    const outcome = evaluateRules(compiled, { text: '傻逼，验证码', lang: 'zh' });
    expect(outcome.block).toBe('请文明用语');
    expect(outcome.answer).toBeNull();
    expect(outcome.tags).toEqual(['fraud-risk']);
    expect(outcome.matched.map((m) => m.id)).toEqual(['warn', 'abuse']);
  });

  it('runs higher priority first; answer, handover and block stop by default, tags do not', () => {
    const compiled = compile([
      rule('tag-low', { any: [{ keywords: ['退款'] }] }, [{ tag: 'refund' }], { priority: -1 }),
      rule('answer-mid', { any: [{ keywords: ['退款'] }] }, [{ answer: { zh: '中', en: 'mid' } }], {
        priority: 5,
      }),
      rule('tag-high', { any: [{ keywords: ['退款'] }] }, [{ tag: 'seen' }], { priority: 9 }),
      rule('answer-high', { any: [{ keywords: ['退款'] }] }, [{ answer: { zh: '高', en: 'high' } }], {
        priority: 9,
      }),
    ]);
    const outcome = evaluateRules(compiled, { text: '退款', lang: 'zh' });
    expect(outcome.matched.map((m) => m.id)).toEqual(['tag-high', 'answer-high']);
    expect(outcome.answer).toBe('高');
    expect(outcome.tags).toEqual(['seen']);
  });

  it('stop: false lets lower rules add a handover and tags; the first answer wins', () => {
    const compiled = compile([
      rule('fraud', { any: [{ keywords: ['安全账户'] }] }, [{ answer: WARNING }, { tag: 'fraud-risk' }], {
        priority: 10,
        stop: false,
      }),
      rule('senior', { any: [{ keywords: ['转账'] }] }, [
        { answer: { zh: '转人工', en: 'a person' } },
        { handover: { tier: 'agent', reason: 'senior-customer' } },
        { tag: 'senior' },
      ]),
      rule('after-stop', { any: [{ keywords: ['转账'] }] }, [{ tag: 'never' }], { priority: -5 }),
    ]);
    const outcome = evaluateRules(compiled, { text: '让我转账到安全账户', lang: 'zh' });
    expect(outcome.answer).toBe(WARNING.zh);
    expect(outcome.handover).toEqual({ tier: 'agent', reason: 'senior-customer' });
    expect(outcome.tags).toEqual(['fraud-risk', 'senior']);
  });

  it('stop: true on a tag rule stops evaluation', () => {
    const compiled = compile([
      rule('first', { any: [{ keywords: ['a'] }] }, [{ tag: 'one' }], { priority: 2, stop: true }),
      rule('second', { any: [{ keywords: ['a'] }] }, [{ tag: 'two' }]),
    ]);
    expect(evaluateRules(compiled, { text: 'a', lang: 'en' }).tags).toEqual(['one']);
  });

  it('skips disabled rules', () => {
    const compiled = compile([
      rule('off', { any: [{ keywords: ['验证码'] }] }, [{ answer: WARNING }], {
        enabled: false,
        priority: 100,
      }),
      rule('on', { any: [{ keywords: ['验证码'] }] }, [{ tag: 'on' }]),
    ]);
    const outcome = evaluateRules(compiled, { text: '验证码', lang: 'zh' });
    expect(outcome.matched.map((m) => m.id)).toEqual(['on']);
    expect(outcome.answer).toBeNull();
  });
});

describe('evaluateRules: robustness', () => {
  // How fast is for `npm run bench:rules`; here: only the first 2,000 characters are read.
  it('reads only the first 2,000 characters of a 10,000-character message', () => {
    const compiled = compile([
      rule('early', { any: [{ keywords: ['验证码'] }] }),
      rule('late', { any: [{ keywords: ['安全账户'] }] }),
      rule('re', { any: [{ regex: '(验证码|安全)\\s*\\S+\\s*$' }] }),
    ]);
    const text = `验证码${'啊 '.repeat(5000)}安全账户`;
    expect(text.length).toBeGreaterThan(10_000);
    const outcome = evaluateRules(compiled, { text, lang: 'zh' });
    expect(outcome.matched.map((m) => m.id)).toEqual(['early']);
    expect(outcome.regexTimeouts).toEqual([]);
  });

  it('reports a regex that ran out of time and treats it as not matching', () => {
    const compiled = compileRules([]);
    // A hand-built CompiledRules with a catastrophic pattern, bypassing parseRules, proves the time limit.
    const evil: CompiledRules = {
      ...compiled,
      rules: [
        {
          id: 'evil',
          name: 'Evil',
          all: [(m) => m.regexMatched(0)],
          any: [],
          actions: [{ tag: 'x' }],
          stop: false,
        },
      ],
      patterns: [/^(a+)+$/],
      patternRules: ['evil'],
    };
    // without the limit this would backtrack 2^40 times: the test finishing at all, with the pattern
    // reported as out of time, is the proof (no clock is read here)
    const outcome = evaluateRules(evil, { text: `${'a'.repeat(40)}!`, lang: 'en' });
    expect(outcome.matched).toEqual([]);
    expect(outcome.regexTimeouts).toEqual(['evil']);
  });

  it('refuses to compile an unsafe regex that did not come through parseRules', () => {
    const unsafe: RuleDefinition = {
      id: 'x',
      name: 'X',
      enabled: true,
      when: { any: [{ regex: '(a+)+$' }] },
      then: [{ tag: 'x' }],
    };
    expect(() => compileRules([unsafe])).toThrow(/rule "x": unsafe regular expression/);
  });

  it('swapping compiled rules changes the outcome for the next message', () => {
    const before = compile([]);
    const after = compile([
      rule('new-script', { any: [{ keywords: ['注销校园贷'] }] }, [{ answer: WARNING }]),
    ]);
    const input: RuleInput = { text: '客服说要帮我注销校园贷', lang: 'zh' };
    expect(evaluateRules(before, input).answer).toBeNull();
    expect(evaluateRules(after, input).answer).toBe(WARNING.zh);
  });
});

describe('evaluateRules with prepared regular-expression results', () => {
  const compiled = compile([
    rule('code', { any: [{ regex: '(验证码|校验码)(发|告诉)(我|你)' }] }),
    rule('repeat', { any: [{ regex: '(.)\\1{9,}' }] }, [{ block: { zh: '请勿刷屏', en: 'No spam' } }]),
    rule('otp', { any: [{ regex: '\\b(send|tell)\\s(me|us)\\s(the\\s)?(code|otp)\\b', flags: 'i' }] }),
  ]);
  const texts = ['把驗證碼發我', '啊啊啊啊啊啊啊啊啊啊啊', 'please SEND me the code', '退款多久到账', ''];

  it('decides as it would running them itself (the patterns are tested in the regex thread)', async () => {
    expect(await regexThreadStarted()).toBe(true);
    for (const text of texts) {
      const input: RuleInput = { text, lang: 'zh' };
      expect(evaluateRules(compiled, input, await prepareRules(compiled, text))).toEqual(
        evaluateRules(compiled, input),
      );
    }
    expect(evaluateRules(compiled, { text: texts[0] ?? '', lang: 'zh' }).matched).toEqual([
      { id: 'code', name: 'Rule code' },
    ]);
  });

  it('ignores results prepared for another text', async () => {
    const prepared = await prepareRules(compiled, 'please send me the code');
    expect(evaluateRules(compiled, { text: '退款多久到账', lang: 'en' }, prepared).matched).toEqual([]);
  });
});
