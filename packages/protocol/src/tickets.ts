import { z } from 'zod';
import { idSchema, langSchema, storableString } from './common.ts';

export const ticketStatuses = ['open', 'pending', 'solved'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);

const optionalText = (max: number) =>
  storableString()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A phone number as customers write it: digits with spaces, dashes or brackets, optional leading +; 6–15 digits. */
export const phoneSchema = storableString()
  .trim()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'a phone number such as 138 0013 8000 or +44 20 7946 0958')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 15;
  }, 'a phone number has 6 to 15 digits');

/** What the widget sends to leave a message: the message, and an e-mail address or a phone number (or both). */
export const ticketCreateSchema = z
  .object({
    name: optionalText(80),
    email: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.email('an e-mail address such as name@example.com').optional()),
    phone: z
      .string()
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : undefined))
      .pipe(phoneSchema.optional()),
    message: storableString().trim().min(1, 'write your message').max(4000),
  })
  .refine((t) => t.email !== undefined || t.phone !== undefined, {
    message: 'leave an e-mail address or a phone number so we can reply',
    path: ['email'],
  });
export type TicketCreate = z.infer<typeof ticketCreateSchema>;

export const ticketReplyViewSchema = z.object({
  id: idSchema,
  author: z.object({ id: idSchema, name: z.string() }).nullable(),
  text: z.string(),
  emailState: z.enum(['none', 'pending', 'sent', 'failed']),
  createdAt: z.string(),
});

export const ticketViewSchema = z.object({
  id: idSchema,
  status: ticketStatusSchema,
  contact: z.object({ id: idSchema, name: z.string().nullable() }),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  lang: langSchema,
  message: z.string(),
  conversationId: idSchema.nullable(),
  team: z.object({ id: idSchema, name: z.string() }).nullable(),
  replies: z.array(ticketReplyViewSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

export const ticketListQuerySchema = z.object({
  status: ticketStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ticketReplyBodySchema = z.object({
  text: storableString().trim().min(1).max(4000),
  /** also e-mail it when the customer left an address and e-mail is configured (default) */
  email: z.boolean().default(true),
});
export const ticketStatusBodySchema = z.object({ status: ticketStatusSchema });
