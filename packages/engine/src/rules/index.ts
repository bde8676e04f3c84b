export { type CompiledRules, compileRules } from './compile.ts';
export { evaluateRules, type PreparedRules, prepareRules } from './evaluate.ts';
export { parseRules } from './parse.ts';
export { checkRegex, MAX_PATTERN_LENGTH, type RegexProblem } from './regex/check.ts';
export { REGEX_BUDGET_MS } from './regex/runner.ts';
export { RULE_INPUT_CAP } from './text.ts';
export type {
  AttributeCondition,
  AttributeOp,
  AttributeValue,
  BilingualText,
  EmotionCondition,
  ExamplesCondition,
  IntentCondition,
  KeywordsCondition,
  ParseRulesResult,
  RegexCondition,
  RuleAction,
  RuleCondition,
  RuleDefinition,
  RuleError,
  RuleHandover,
  RuleInput,
  RuleOutcome,
} from './types.ts';
