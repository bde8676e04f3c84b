// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule format's list of actions
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile.ts';
import { evaluateRules } from './evaluate.ts';
import { meaningWords } from './meaning.ts';
import { parseRules } from './parse.ts';

const codeRequest = {
  examples: [
    'someone from customer service asked me for my verification code',
    'the agent on the phone needs my one-time password to give me compensation',
    '自称客服的人让我把验证码发给他',
    '有人打电话说是你们工作人员，要我提供短信验证码才能退款',
  ],
  unlike: ["I didn't receive the verification code", '收不到验证码'],
};

function fires(condition: unknown, text: string): boolean {
  const parsed = parseRules({
    rules: [{ id: 'r', name: 'R', enabled: true, when: { any: [condition] }, then: [{ tag: 'fraud' }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return evaluateRules(compileRules(parsed.rules), { text, lang: 'en' }).matched.length === 1;
}

describe('rules by meaning: examples', () => {
  it('reads words of the same meaning as one, across both languages, without function words', () => {
    expect(meaningWords('A guy from your support asked me for the OTP')).toEqual(
      meaningWords('someone from customer service wants the verification code'),
    );
    expect(meaningWords('客服索要验证码')).toEqual(meaningWords('the staff asked for a code'));
    expect(meaningWords('the, a, 我的')).toEqual([]);
  });

  it('matches a request for a code in words the examples do not use, in English and Chinese', () => {
    expect(
      fires(codeRequest, 'A guy from your support asked me for the verification code to process my refund'),
    ).toBe(true);
    expect(fires(codeRequest, 'a woman claiming to be customer support wants the OTP I just got')).toBe(true);
    expect(fires(codeRequest, '有个自称你们客服的人让我把验证码发给他，说要给我退款')).toBe(true);
    expect(fires(codeRequest, '有人冒充客服找我要验证码')).toBe(true);
  });

  it('does not match what shares words but not meaning: counter-examples and the words all examples share', () => {
    expect(fires(codeRequest, 'I never received the verification code')).toBe(false);
    expect(fires(codeRequest, '验证码收不到')).toBe(false);
    // no code: what every example says is missing
    expect(fires(codeRequest, 'customer service told me to wait for the refund')).toBe(false);
    expect(fires(codeRequest, '客服要我提供订单号')).toBe(false);
    expect(fires(codeRequest, 'how do I get a refund')).toBe(false);
  });

  it('honours minSimilarity', () => {
    const strict = { ...codeRequest, minSimilarity: 1 };
    expect(fires(strict, 'someone from customer service asked me for my verification code')).toBe(true);
    expect(
      fires(strict, 'A guy from your support asked me for the verification code to process my refund'),
    ).toBe(false);
  });

  it('is checked on save with the path of each problem', () => {
    const result = parseRules({
      rules: [
        {
          id: 'r',
          name: 'R',
          enabled: true,
          when: { any: [{ examples: ['ok', 'the'], minSimilarity: 2, extra: 1 }, { examples: [] }] },
          then: [{ tag: 'x' }],
        },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toContain('rules[0].when.any[0].examples[1]');
    expect(paths).toContain('rules[0].when.any[0].minSimilarity');
    expect(paths).toContain('rules[0].when.any[0].extra');
    expect(paths).toContain('rules[0].when.any[1].examples');
  });
});
