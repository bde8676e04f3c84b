import { z } from 'zod';
import { nodeId, textSchema, varName } from './schemaParts.ts';

export const SLOT_ENTITIES = [
  'order_number',
  'phone',
  'email',
  'date',
  'datetime',
  'number',
  'money',
  'bank_card_last4',
  'otp',
  'text',
] as const;

export type SlotEntity = (typeof SLOT_ENTITIES)[number] | `list:${string}`;

const LIST_ENTITY = /^list:[A-Za-z0-9_-]{1,64}$/;

const entitySchema = z
  .string()
  .refine((value) => (SLOT_ENTITIES as readonly string[]).includes(value) || LIST_ENTITY.test(value), {
    message: `must be one of ${SLOT_ENTITIES.join(', ')} or list:<name>`,
  })
  .transform((value) => value as SlotEntity);

/** A choice: a plain value, or a value with bilingual button labels and words that mean it. */
export const optionSchema = z.union([
  z.string().trim().min(1).max(100),
  z.strictObject({
    value: z.string().trim().min(1).max(100),
    label: textSchema,
    synonyms: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  }),
]);

export const slotSchema = z.strictObject({
  name: varName,
  entity: entitySchema,
  validate: z
    .strictObject({
      /** Regex source the whole value must match (order number formats, 6-digit codes). */
      pattern: z.string().min(1).max(200).optional(),
      /** Bounds on a number or money amount, or on the length of text. */
      min: z.number().optional(),
      max: z.number().optional(),
      /** The only accepted values; shown as buttons. */
      options: z.array(optionSchema).min(1).max(20).optional(),
    })
    .optional(),
  prompt: textSchema,
  reprompt: textSchema,
  maxRetries: z.number().int().min(0).max(5).default(2),
  onFail: nodeId.optional(),
  /** Masked in the turn result's vars; otp slots always are. */
  sensitive: z.boolean().optional(),
});

export type Slot = z.output<typeof slotSchema>;
export type SlotOption = z.output<typeof optionSchema>;
