import { z } from 'zod';

/** Non-empty trimmed text of bounded length. */
export function text(max: number) {
  return z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
}

export const bilingualSchema = z.strictObject({ zh: text(2000), en: text(2000) });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A union told apart by which key is present (`{ keywords: … }`, `{ regex: … }`), so a mistake is
 * reported inside the variant the author meant rather than as "no variant matched". `what` names one item
 * in messages, with its article ("a condition").
 */
export function keyedUnion<T>(what: string, variants: Record<string, z.ZodType<T>>): z.ZodType<T, unknown> {
  const names = Object.keys(variants);
  return z.unknown().transform((value, ctx): T => {
    const present = isRecord(value) ? names.filter((n) => n in value) : [];
    const [name, other] = present;
    if (name === undefined || other !== undefined) {
      const message =
        other === undefined
          ? `${what} must be an object with one of: ${names.join(', ')}`
          : `${what} has both "${name}" and "${other}"; put each in its own entry`;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    const parsed = variants[name]!.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          ctx.addIssue({ code: 'custom', message: unknownFieldMessage(key), path: [...issue.path, key] });
        }
      } else {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
    }
    return z.NEVER;
  });
}

export function unknownFieldMessage(key: string): string {
  return `unknown field "${key}"`;
}
