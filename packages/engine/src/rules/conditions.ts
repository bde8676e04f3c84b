import { compileKeyword, containsKeyword } from './keywords.ts';
import { DEFAULT_MIN_SIMILARITY } from './meaning.ts';
import type {
  AttributeCondition,
  EmotionCondition,
  IntentCondition,
  RuleCondition,
  RuleInput,
} from './types.ts';

/** What a condition may look at; the costly parts are computed once per message, on first use. */
export interface MessageView {
  readonly input: RuleInput;
  keywordText(): string;
  regexMatched(index: number): boolean;
  /** Whether the message says what the examples of condition `index` (see `ExampleIndex`) say. */
  examplesMatched(index: number): boolean;
}

export type Test = (message: MessageView) => boolean;

/**
 * Turns one condition into a test; `addPattern` registers a regex, `addExamples` an example condition, and
 * each returns its index.
 */
export function compileCondition(
  condition: RuleCondition,
  addPattern: (regex: string, flags: string) => number,
  addExamples: (examples: readonly string[], unlike: readonly string[], min: number) => number,
): Test {
  if ('keywords' in condition) {
    const matchers = condition.keywords.map(compileKeyword).filter((m) => m !== null);
    if (condition.match === 'all') return (m) => matchers.every((k) => containsKeyword(m.keywordText(), k));
    return (m) => matchers.some((k) => containsKeyword(m.keywordText(), k));
  }
  if ('regex' in condition) {
    const index = addPattern(condition.regex, condition.flags ?? '');
    return (m) => m.regexMatched(index);
  }
  if ('intent' in condition) return intentTest(condition);
  if ('examples' in condition) {
    const { examples, unlike = [], minSimilarity = DEFAULT_MIN_SIMILARITY } = condition;
    const index = addExamples(examples, unlike, minSimilarity);
    return (m) => m.examplesMatched(index);
  }
  if ('emotion' in condition) return emotionTest(condition);
  return attributeTest(condition);
}

function intentTest({ intent, minConfidence = 0 }: IntentCondition): Test {
  return ({ input }) => input.intent?.name === intent && input.intent.confidence >= minConfidence;
}

function emotionTest({ emotion }: EmotionCondition): Test {
  const basic = emotion.basic === undefined ? null : new Set<string>(emotion.basic);
  const states = emotion.states === undefined ? null : new Set(emotion.states);
  return ({ input }) => {
    const e = input.emotion;
    if (e === null || e === undefined) return false;
    if (basic !== null && !basic.has(e.basic)) return false;
    if (states !== null && !states.has(e.state)) return false;
    return emotion.minIntensity === undefined || e.intensity >= emotion.minIntensity;
  };
}

/** An attribute the page did not send never matches, whatever the operator (including "neq"). */
function attributeTest({ attribute }: AttributeCondition): Test {
  const { name, op, value } = attribute;
  return ({ input }) => {
    // own properties only: an attribute named "constructor" or "toString" the page did not send is absent
    const attributes = input.attributes;
    const actual = attributes && Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (actual === undefined || actual === null) return false;
    switch (op) {
      case 'eq':
        return sameValue(actual, value);
      case 'neq':
        return !sameValue(actual, value);
      case 'in':
        return Array.isArray(value) && value.some((v) => sameValue(actual, v));
      case 'gte':
        return toNumber(actual) >= Number(value);
      case 'lte':
        return toNumber(actual) <= Number(value);
    }
  };
}

/** Pages send attributes as text as often as numbers: 60 and "60" are the same value; text ignores case. */
function sameValue(actual: string | number | boolean, expected: unknown): boolean {
  if (typeof actual === 'number' && typeof expected === 'number') return actual === expected;
  return String(actual).trim().toLowerCase() === String(expected).trim().toLowerCase();
}

function toNumber(value: string | number | boolean): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}
