// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule format's list of actions
/**
 * How long evaluating 200 rules on a 500-character message takes (not a test: timings vary by machine).
 * Run: npx tsx packages/engine/src/rules/measureSpeed.ts
 */
import { compileRules } from '../src/rules/compile.ts';
import { evaluateRules } from '../src/rules/evaluate.ts';
import { parseRules } from '../src/rules/parse.ts';
import type { RuleCondition, RuleDefinition } from '../src/rules/types.ts';

const WORDS = ['验证码', '安全账户', '刷单', '退款', '快递', 'refund', 'parcel', 'voucher', '优惠券', '发票'];

function condition(i: number): RuleCondition {
  switch (i % 10) {
    case 0:
      return { regex: `订单号?\\s?[A-Z]{2}${i}\\d{6}`, flags: 'i' };
    case 1:
      return { intent: `intent_${i}`, minConfidence: 0.6 };
    case 2:
      return { emotion: { basic: ['anger'], minIntensity: 0.9 } };
    case 3:
      return { attribute: { name: 'ageGroup', op: 'in', value: ['60-69', '70+'] } };
    default:
      return { keywords: [0, 1, 2, 3, 4].map((k) => `${WORDS[(i + k) % WORDS.length]}${i}`) };
  }
}

function definitions(withRegex: boolean): RuleDefinition[] {
  return Array.from({ length: 200 }, (_, i) => ({
    id: `rule-${i}`,
    name: `Rule ${i}`,
    enabled: true,
    priority: i % 7,
    when: { any: [withRegex || i % 10 !== 0 ? condition(i) : { keywords: [`订单${i}`] }] },
    then: [{ tag: `t${i}` }],
  }));
}

const base =
  '您好，我上周在同行优选买的空气净化器一直没有发货，物流信息也不更新，请帮我查一下。Hello, my parcel is late. ';
const messages = Array.from({ length: 50 }, (_, i) => `${i} ${base.repeat(10)}`.slice(0, 500));
const input = (i: number) => ({
  text: messages[i % messages.length]!,
  lang: 'zh' as const,
  attributes: { ageGroup: '30-39' },
});

function measure(withRegex: boolean): void {
  const parsed = parseRules({ rules: definitions(withRegex) });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const started = performance.now();
  const compiled = compileRules(parsed.rules);
  const compileMs = performance.now() - started;
  for (let i = 0; i < 2000; i++) evaluateRules(compiled, input(i));
  // Median of 5 batches, to be less sensitive to other work on the machine.
  const batches: number[] = [];
  for (let b = 0; b < 5; b++) {
    const t = performance.now();
    for (let i = 0; i < 4000; i++) evaluateRules(compiled, input(i));
    batches.push(((performance.now() - t) / 4000) * 1000);
  }
  const median = batches.sort((a, c) => a - c)[2]!;
  const label = withRegex ? '200 rules, 20 of them regex' : '200 rules, no regex';
  console.log(
    `${label}: compile ${compileMs.toFixed(1)} ms; evaluate ${median.toFixed(0)} µs per 500-character message (no rule matches, so all 200 are checked)`,
  );
}

measure(true);
measure(false);
