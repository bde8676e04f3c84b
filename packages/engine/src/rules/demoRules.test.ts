import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRules } from './compile.ts';
import { evaluateRules } from './evaluate.ts';
import { parseRules } from './parse.ts';
import type { RuleInput } from './types.ts';

const source = readFileSync(new URL('../../../../apps/server/src/demo/rules.yaml', import.meta.url), 'utf8');

function demoRules() {
  const parsed = parseRules(source, 'yaml');
  if (!parsed.ok) throw new Error(`demo rules are invalid: ${JSON.stringify(parsed.errors, null, 2)}`);
  return compileRules(parsed.rules);
}

const rules = demoRules();
const run = (text: string, extra: Partial<RuleInput> = {}) =>
  evaluateRules(rules, { text, lang: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en', ...extra });

describe('demo rules (apps/server/src/demo/rules.yaml)', () => {
  it('is valid', () => {
    const parsed = parseRules(source, 'yaml');
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(parsed.ok && parsed.rules.length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    '客服说要我把验证码告诉他，这是真的吗',
    '刚才有人打电话让我验证码发我一下',
    '請把驗證碼告訴我',
    '对方要我把钱转到安全账户',
    '有个兼职刷单的说日结返利',
    '他们说要帮我注销校园贷，不然影响征信',
    '对方让我开 屏 幕 共 享 操作退款',
    '有人说可以帮我做征信修复',
  ])('warns about fraud in Chinese: %s', (text) => {
    const outcome = run(text);
    expect(outcome.tags).toContain('fraud-risk');
    expect(outcome.answer).toContain('400-820-0000');
    expect(outcome.answer).toMatch(/诈骗/);
  });

  it.each([
    'Someone from your shop called and said: tell me the verification code',
    'A man asked me to move my savings to a SAFE ACCOUNT',
    'The support person wants me to start screen sharing to get my refund',
    'They said they could give me the code back if I send me the code... I mean, can you send me the verification code?',
  ])('warns about fraud in English: %s', (text) => {
    const outcome = run(text);
    expect(outcome.tags).toContain('fraud-risk');
    expect(outcome.answer).toContain('400-820-0000');
    expect(outcome.answer).toMatch(/scam/);
  });

  it('leaves ordinary questions about codes and payments alone', () => {
    for (const text of [
      '收不到验证码怎么办',
      '我的快递到哪了',
      'How do I change my password?',
      'I have an issue with my order',
    ]) {
      const outcome = run(text);
      expect(outcome.matched).toEqual([]);
    }
  });

  it('hands complaint threats to the expert tier with raised priority', () => {
    for (const text of [
      '再不解决我就打12315投诉到消协',
      '我要发律师函',
      'I will sue you and talk to my lawyer',
    ]) {
      const outcome = run(text);
      expect(outcome.handover).toMatchObject({ tier: 'expert', team: 'complaints', priority: 80 });
      expect(outcome.tags).toContain('complaint-risk');
    }
    const byEmotion = run('你们等着吧', {
      emotion: { basic: 'anger', state: 'public_complaint', intensity: 0.8 },
    });
    expect(byEmotion.handover?.tier).toBe('expert');
  });

  it('blocks abuse and spam with a calm reply', () => {
    const abuse = run('你们客服都是傻逼');
    expect(abuse.block).toMatch(/我们很想帮您/);
    expect(abuse.answer).toBeNull();
    expect(abuse.tags).toEqual(['abuse']);
    expect(run('fuck you').block).toMatch(/^We really want to help/);
    expect(run('啊'.repeat(40)).tags).toEqual(['spam']);
    expect(run('哈哈哈哈哈哈 谢谢').block).toBeNull();
  });

  it('hands senior customers with payment questions to an agent', () => {
    const senior = { attributes: { ageGroup: '70+' } };
    const zh = run('这个付款怎么弄啊', senior);
    expect(zh.handover).toEqual({ tier: 'agent', team: 'payments', reason: 'senior-customer', priority: 50 });
    expect(run('How do I pay with my card?', { attributes: { ageGroup: '60-69' } }).handover?.reason).toBe(
      'senior-customer',
    );
    expect(
      run('help me', { ...senior, intent: { name: 'payment.failed', confidence: 0.8 } }).handover?.reason,
    ).toBe('senior-customer');
    expect(run('这个付款怎么弄啊', { attributes: { ageGroup: '30-39' } }).handover).toBeNull();
    expect(run('快递到哪了', senior).handover).toBeNull();
  });

  it('gives a senior customer facing a scam both the warning and a person', () => {
    const outcome = run('有人让我转账到安全账户', { attributes: { ageGroup: '60+' } });
    expect(outcome.answer).toMatch(/安全账户/);
    expect(outcome.handover?.reason).toBe('senior-customer');
    expect(outcome.tags).toEqual(['fraud-risk', 'senior-customer']);
  });
});
