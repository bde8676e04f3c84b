import { z } from 'zod';

export const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Roots of the template scope that flows read but never write. */
export const RESERVED_NAMES = ['slots', 'attributes', 'response', 'lang'];

export const nodeId = z.string().regex(NODE_ID, 'must be a node id: a letter, then letters, digits, _ or -');

export const varName = z
  .string()
  .regex(VAR_NAME, 'must be a variable name: letters, digits and _, not starting with a digit')
  .refine((name) => !RESERVED_NAMES.includes(name), {
    message: `is reserved (${RESERVED_NAMES.join(', ')})`,
  })
  // assigning to "__proto__" would replace the prototype of the flow's variables instead of storing a value
  .refine((name) => name !== '__proto__', { message: 'is not allowed as a name' });

/** A bilingual plain-text template. */
export const textSchema = z.strictObject({
  zh: z.string().trim().min(1, 'must not be empty').max(2000),
  en: z.string().trim().min(1, 'must not be empty').max(2000),
});

export const buttonSchema = z.strictObject({ label: textSchema, payload: textSchema.optional() });
