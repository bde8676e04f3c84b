import { toSimplified } from '../lang/index.ts';
import { compileCondition, type Test } from './conditions.ts';
import { ExampleIndex } from './meaning.ts';
import { checkRegex } from './regex/check.ts';
import type { RuleAction, RuleDefinition } from './types.ts';

export interface CompiledRule {
  id: string;
  name: string;
  all: Test[];
  any: Test[];
  actions: RuleAction[];
  stop: boolean;
}

/** Enabled rules in evaluation order, ready to run; immutable, so the caller can swap it in atomically. */
export interface CompiledRules {
  readonly rules: readonly CompiledRule[];
  /** Every regular expression of the enabled rules, run together once per message. */
  readonly patterns: readonly RegExp[];
  /** The rule each pattern belongs to, to report time-outs. */
  readonly patternRules: readonly string[];
  /** Every example condition of the enabled rules, scored together once per message when one is reached. */
  readonly examples: ExampleIndex;
}

/**
 * Prepares rules from `parseRules` for `evaluateRules`: drops disabled rules, orders by priority (highest
 * first, ties in file order), builds keyword matchers and regular expressions. Throws if a rule did not come
 * through `parseRules` and holds an invalid or unsafe regular expression.
 */
export function compileRules(definitions: RuleDefinition[]): CompiledRules {
  const patterns: RegExp[] = [];
  const patternRules: string[] = [];
  const examples = new ExampleIndex();
  const addExamples = (list: readonly string[], unlike: readonly string[], min: number) =>
    examples.add(list, unlike, min);
  const ordered = definitions
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => rule.enabled)
    .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.index - b.index);
  const rules = ordered.map(({ rule }): CompiledRule => {
    const addPattern = (regex: string, flags: string): number => {
      const problem = checkRegex(regex, flags);
      if (problem !== null) throw new Error(`rule "${rule.id}": ${problem.message}`);
      // Messages are folded to Simplified Chinese before matching, so the pattern is too.
      patterns.push(new RegExp(toSimplified(regex), flags));
      patternRules.push(rule.id);
      return patterns.length - 1;
    };
    const compile = (conditions: RuleDefinition['when']['any']) =>
      (conditions ?? []).map((c) => compileCondition(c, addPattern, addExamples));
    return {
      id: rule.id,
      name: rule.name,
      all: compile(rule.when.all),
      any: compile(rule.when.any),
      actions: rule.then,
      stop: stopsAfterMatch(rule),
    };
  });
  return Object.freeze({
    rules: Object.freeze(rules),
    patterns: Object.freeze(patterns),
    patternRules: Object.freeze(patternRules),
    examples,
  });
}

/** A block always stops; otherwise `stop` decides, defaulting to true for rules that reply or hand over. */
function stopsAfterMatch(rule: RuleDefinition): boolean {
  if (rule.then.some((a) => 'block' in a)) return true;
  return rule.stop ?? rule.then.some((a) => 'answer' in a || 'handover' in a);
}
