// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule format's list of actions
import { describe, expect, it } from 'vitest';
import { PROTOTYPE_WORDS as WORDS } from '../bot/testKnowledge.ts';
import { compileRules } from './compile.ts';
import { evaluateRules } from './evaluate.ts';
import { parseRules } from './parse.ts';
import type { RuleCondition, RuleInput } from './types.ts';

function holds(condition: RuleCondition, input: Partial<RuleInput>): boolean {
  const parsed = parseRules({
    rules: [{ id: 'r', name: 'R', enabled: true, when: { any: [condition] }, then: [{ tag: 'hit' }] }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return evaluateRules(compileRules(parsed.rules), { text: '', lang: 'en', ...input }).matched.length === 1;
}

describe('rules and words that name Object.prototype members', () => {
  it('an attribute with such a name that the page did not send never matches', () => {
    for (const name of WORDS) {
      const tests = [
        { op: 'eq', value: 'x' },
        { op: 'neq', value: 'x' },
        { op: 'in', value: ['x', 'y'] },
        { op: 'gte', value: 0 },
        { op: 'lte', value: 100 },
      ] as const;
      for (const { op, value } of tests) {
        expect(holds({ attribute: { name, op, value } } as RuleCondition, { attributes: {} })).toBe(false);
      }
      expect(holds({ attribute: { name, op: 'neq', value: 'x' } }, { attributes: { [name]: 'y' } })).toBe(
        true,
      );
      expect(holds({ attribute: { name, op: 'eq', value: 'y' } }, { attributes: { [name]: 'y' } })).toBe(
        true,
      );
    }
  });

  it('keywords and intents with such names match only themselves', () => {
    for (const word of WORDS) {
      expect(holds({ keywords: [word] }, { text: `what is the ${word} of toString, 中文 ${word}` })).toBe(
        true,
      );
      expect(holds({ keywords: [word] }, { text: 'nothing to see here' })).toBe(false);
      expect(holds({ intent: word }, { text: word, intent: { name: word, confidence: 0.9 } })).toBe(true);
      expect(holds({ intent: word }, { text: word, intent: { name: 'refund', confidence: 0.9 } })).toBe(
        false,
      );
    }
  });
});
