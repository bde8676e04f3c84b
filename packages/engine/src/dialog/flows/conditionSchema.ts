import { z } from 'zod';
import { PATH_PATTERN } from './path.ts';

export const CONDITION_OPS = ['eq', 'neq', 'in', 'exists', 'gt', 'lt', 'gte', 'lte'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];
type Scalar = string | number | boolean | null;

/**
 * A condition as data, never code: a comparison `{ var, op, value }` on a path of the template scope
 * (`order.status`, `slots.orderNo`, `attributes.vipLevel`), or `all` / `any` / `not` of conditions.
 */
export interface Condition {
  var?: string;
  op?: ConditionOp;
  value?: Scalar | Scalar[];
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      var: z.string().regex(PATH_PATTERN, 'must be a path such as order.status or slots.orderNo').optional(),
      op: z.enum(CONDITION_OPS).optional(),
      value: z.union([scalar, z.array(scalar).max(100)]).optional(),
      all: z.array(conditionSchema).min(1).max(20).optional(),
      any: z.array(conditionSchema).min(1).max(20).optional(),
      not: conditionSchema.optional(),
    })
    .superRefine((condition, ctx) => {
      const kinds = (['var', 'all', 'any', 'not'] as const).filter((key) => condition[key] !== undefined);
      if (kinds.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'needs exactly one of var (with op), all, any or not' });
        return;
      }
      if (kinds[0] === 'var') checkComparison(condition, ctx);
      else if (condition.op !== undefined || condition.value !== undefined) {
        ctx.addIssue({ code: 'custom', message: `op and value belong with var, not with ${kinds[0]}` });
      }
    }),
);

function checkComparison(condition: Condition, ctx: z.RefinementCtx): void {
  const { op, value } = condition;
  const at = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (op === undefined) {
    at('op', `is required with var: one of ${CONDITION_OPS.join(', ')}`);
  } else if (op === 'exists') {
    if (value !== undefined) at('value', 'exists takes no value');
  } else if (op === 'in') {
    if (!Array.isArray(value)) at('value', 'in needs a list of values');
  } else if (op === 'eq' || op === 'neq') {
    if (value === undefined || Array.isArray(value)) at('value', `${op} needs one value`);
  } else if (typeof value !== 'number') {
    at('value', `${op} needs a number`);
  }
}
