import { z } from 'zod';
import { BASIC_EMOTIONS, EMOTION_STATES } from '../emotion/types.ts';
import { compileKeyword } from './keywords.ts';
import { meaningWords } from './meaning.ts';
import { checkRegex } from './regex/check.ts';
import { keyedUnion, text } from './schemaParts.ts';
import type { RuleCondition } from './types.ts';

const keywordsCondition = z.strictObject({
  keywords: z
    .array(
      text(100).refine(
        (k) => compileKeyword(k) !== null,
        'has no letters or digits once punctuation is ignored',
      ),
    )
    .min(1, 'give at least one keyword')
    .max(200, 'at most 200 keywords per condition'),
  match: z.enum(['any', 'all']).optional(),
});

const regexCondition = z
  .strictObject({ regex: z.string(), flags: z.string().optional() })
  .superRefine((condition, ctx) => {
    const problem = checkRegex(condition.regex, condition.flags);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.field] });
  });

const intentCondition = z.strictObject({
  intent: text(100),
  minConfidence: z.number().min(0).max(1).optional(),
});

const exampleText = text(300).refine(
  (e) => meaningWords(e).length > 0,
  'has no words that carry meaning (only punctuation or words like "the", "我")',
);
const examplesCondition = z.strictObject({
  examples: z
    .array(exampleText)
    .min(1, 'give at least one example')
    .max(200, 'at most 200 examples per condition'),
  unlike: z.array(exampleText).max(200, 'at most 200 counter-examples per condition').optional(),
  minSimilarity: z.number().min(0.1).max(1).optional(),
});

const emotionCondition = z.strictObject({
  emotion: z
    .strictObject({
      basic: z.array(z.enum(BASIC_EMOTIONS)).min(1).optional(),
      states: z.array(z.enum(EMOTION_STATES)).min(1).optional(),
      minIntensity: z.number().min(0).max(1).optional(),
    })
    .refine(
      (e) => e.basic !== undefined || e.states !== undefined || e.minIntensity !== undefined,
      'give at least one of basic, states or minIntensity',
    ),
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const attributeCondition = z.strictObject({
  attribute: z
    .strictObject({
      name: text(64),
      op: z.enum(['eq', 'neq', 'in', 'gte', 'lte']),
      value: z.union([
        scalar,
        z
          .array(z.union([z.string(), z.number()]))
          .min(1)
          .max(100),
      ]),
    })
    .superRefine((a, ctx) => {
      const problem = valueProblem(a.op, a.value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
    }),
});

function valueProblem(op: string, value: unknown): string | null {
  if (op === 'in') return Array.isArray(value) ? null : '"in" needs a list of values';
  if (Array.isArray(value)) return `"${op}" needs a single value; use "in" for a list`;
  if ((op === 'gte' || op === 'lte') && typeof value !== 'number') return `"${op}" needs a number`;
  return null;
}

export const conditionSchema: z.ZodType<RuleCondition, unknown> = keyedUnion<RuleCondition>('a condition', {
  keywords: keywordsCondition,
  regex: regexCondition,
  intent: intentCondition,
  examples: examplesCondition,
  emotion: emotionCondition,
  attribute: attributeCondition,
});
