import { z } from 'zod';
import { conditionSchema } from './conditionSchema.ts';
import { bilingualSchema, keyedUnion, text } from './schemaParts.ts';
import type { RuleAction, RuleDefinition } from './types.ts';

export const MAX_RULES = 1000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const actionSchema = keyedUnion<RuleAction>('an action', {
  answer: z.strictObject({ answer: bilingualSchema }),
  handover: z.strictObject({
    handover: z.strictObject({
      tier: z.enum(['agent', 'expert']),
      team: text(64).optional(),
      reason: text(200),
      priority: z.number().int().min(0).max(100).optional(),
    }),
  }),
  tag: z.strictObject({
    tag: text(64).regex(/^[^\s,]+$/, 'must be one word without spaces or commas, e.g. fraud-risk'),
  }),
  block: z.strictObject({ block: bilingualSchema }),
});

const conditions = z.array(conditionSchema).min(1, 'must have at least one condition').max(50);

const ruleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(ID, 'must be 1–64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'),
    name: text(120),
    enabled: z.boolean(),
    priority: z.number().int().min(-1000).max(1000).optional(),
    when: z
      .strictObject({ any: conditions.optional(), all: conditions.optional() })
      .refine((w) => w.any !== undefined || w.all !== undefined, 'give "any" or "all" (or both)'),
    // biome-ignore lint/suspicious/noThenProperty: `then` is the rule format's name for its actions; rules are never awaited
    then: z.array(actionSchema).min(1, 'must have at least one action').max(20),
    stop: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    for (const problem of actionProblems(rule.then, rule.stop)) ctx.addIssue({ code: 'custom', ...problem });
  });

/** Combinations of actions that cannot all be carried out. */
function actionProblems(
  then: RuleAction[],
  stop: boolean | undefined,
): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const seen = new Map<string, number>();
  then.forEach((action, i) => {
    const kind = Object.keys(action)[0]!;
    if (kind !== 'tag' && seen.has(kind)) {
      problems.push({
        path: ['then', i],
        message: `a rule can have only one "${kind}" action (see then[${seen.get(kind)}])`,
      });
    }
    if (!seen.has(kind)) seen.set(kind, i);
  });
  const block = seen.get('block');
  if (block !== undefined) {
    for (const kind of ['answer', 'handover']) {
      const at = seen.get(kind);
      if (at !== undefined) {
        problems.push({
          path: ['then', at],
          message: `a rule that blocks cannot also ${kind === 'answer' ? 'answer' : 'hand over'}`,
        });
      }
    }
    if (stop === false)
      problems.push({ path: ['stop'], message: 'a rule that blocks always stops; remove "stop: false"' });
  }
  return problems;
}

export interface RulesDocument {
  version?: number | string;
  rules: RuleDefinition[];
}

export const rulesDocumentSchema: z.ZodType<RulesDocument, unknown> = z
  .strictObject({
    version: z.union([z.number(), z.string()]).optional(),
    rules: z.array(ruleSchema).max(MAX_RULES, `at most ${MAX_RULES} rules`),
  })
  .superRefine((doc, ctx) => {
    const first = new Map<string, number>();
    doc.rules.forEach((rule, i) => {
      const earlier = first.get(rule.id);
      if (earlier === undefined) first.set(rule.id, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate id "${rule.id}" (also rules[${earlier}].id)`,
        });
    });
  });
