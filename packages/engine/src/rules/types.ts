import type { BasicEmotion } from '../emotion/types.ts';

/**
 * One staff-defined live rule. Rules are checked from the highest `priority` down (ties keep the order of
 * the file); a rule matches when every `all` condition holds and, if `any` is given, at least one of those.
 */
export interface RuleDefinition {
  id: string;
  name: string;
  enabled: boolean;
  /** Higher first; 0 when absent. */
  priority?: number;
  when: { any?: RuleCondition[]; all?: RuleCondition[] };
  then: RuleAction[];
  /** Skip lower-priority rules once this one matches. Defaults to true when `then` answers, hands over or blocks. */
  stop?: boolean;
}

export type RuleCondition =
  | KeywordsCondition
  | RegexCondition
  | IntentCondition
  | ExamplesCondition
  | EmotionCondition
  | AttributeCondition;

/** Matched after normalising both sides: NFKC, lower case, Traditional → Simplified, separators ignored. */
export interface KeywordsCondition {
  keywords: string[];
  match?: 'any' | 'all';
}

export interface RegexCondition {
  regex: string;
  flags?: string;
}

export interface IntentCondition {
  intent: string;
  minConfidence?: number;
}

/**
 * Matches messages that say what one of the example sentences says, in other words too (see `meaning.ts`):
 * cosine similarity of their meaning-bearing words, with words of the same meaning (验证码, OTP, code)
 * counted as one. `unlike` lists sentences that share the words but not the meaning; a message closer to
 * one of them than to every example does not match.
 */
export interface ExamplesCondition {
  examples: string[];
  unlike?: string[];
  /** 0..1; default 0.5. */
  minSimilarity?: number;
}

export interface EmotionCondition {
  emotion: { basic?: BasicEmotion[]; states?: string[]; minIntensity?: number };
}

export type AttributeOp = 'eq' | 'neq' | 'in' | 'gte' | 'lte';
export type AttributeValue = string | number | boolean | Array<string | number>;

export interface AttributeCondition {
  attribute: { name: string; op: AttributeOp; value: AttributeValue };
}

export interface BilingualText {
  zh: string;
  en: string;
}

export interface RuleHandover {
  tier: 'agent' | 'expert';
  team?: string;
  reason: string;
  priority?: number;
}

export type RuleAction =
  | { answer: BilingualText }
  | { handover: RuleHandover }
  | { tag: string }
  /** Do not process the message further; reply with this text (abuse, spam). */
  | { block: BilingualText };

export interface RuleInput {
  text: string;
  lang: 'zh' | 'en';
  intent?: { name: string; confidence: number } | null;
  emotion?: { basic: string; state: string; intensity: number } | null;
  attributes?: Record<string, string | number | boolean>;
}

export interface RuleOutcome {
  /** Rules that matched, in evaluation order. */
  matched: Array<{ id: string; name: string }>;
  /** In `input.lang`; from the first matching rule that answers. Null when a rule blocked. */
  answer: string | null;
  /** From the first matching rule that hands over. Null when a rule blocked. */
  handover: RuleHandover | null;
  /** Tags of every matching rule, without duplicates, in evaluation order. */
  tags: string[];
  /** In `input.lang`; set when a rule blocked the message. */
  block: string | null;
  /** Ids of rules whose regular expression ran out of time on this message (counted as not matching). */
  regexTimeouts: string[];
}

export interface RuleError {
  /** Where the problem is, e.g. `rules[2].when.any[0].regex`; "" for the document as a whole. */
  path: string;
  message: string;
}

export type ParseRulesResult = { ok: true; rules: RuleDefinition[] } | { ok: false; errors: RuleError[] };
