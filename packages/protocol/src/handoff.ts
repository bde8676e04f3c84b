import { z } from 'zod';
import { idSchema, langSchema } from './common.ts';
import {
  conversationStatusSchema,
  handoffReasonSchema,
  messageEmotionSchema,
  messageViewSchema,
} from './conversation.ts';

export const emotionTrendSchema = z.enum(['improving', 'steady', 'worsening']);

/** Kinds of details a customer gave; `bank_card_last4` is four digits given when the bot asked for them. */
export const handoffDetailTypes = [
  'order_number',
  'phone',
  'email',
  'bank_card',
  'bank_card_last4',
  'id_number',
  'money',
  'datetime',
] as const;

/** A detail the customer gave, as staff may see it (phone, card, ID and e-mail masked), with where. */
export const handoffDetailSchema = z.object({
  type: z.enum(handoffDetailTypes),
  text: z.string(),
  /** whether `text` hides part of what the customer wrote */
  masked: z.boolean(),
  /** the messages it was said in (sequence numbers, oldest first) */
  seqs: z.array(z.number().int().positive()),
});
export type HandoffDetail = z.infer<typeof handoffDetailSchema>;

/** Why the conversation came to people, and where it was sent. */
export const handoffReasonViewSchema = z.object({
  code: handoffReasonSchema.nullable(),
  detail: z.string().nullable(),
  tier: z.enum(['agent', 'expert']).nullable(),
  team: z.string().nullable(),
});
export type HandoffReasonView = z.infer<typeof handoffReasonViewSchema>;

/**
 * What the bot understood last: a knowledge entry id or `flow:<id>` (`label`: the entry's question or the
 * flow's name in the reader's language, what staff are shown), and the flow's state then.
 */
export const handoffIntentSchema = z.object({
  name: z.string(),
  label: z.string(),
  confidence: z.number().min(0).max(1),
  flow: z.object({ id: z.string(), outcome: z.string() }).nullable(),
  seq: z.number().int().positive(),
});

/** A short summary built without a language model, so the person taking over need not ask again. */
export const handoffSummarySchema = z.object({
  lang: langSchema,
  intent: handoffIntentSchema.nullable(),
  /** the last few questions the bot answered: the customer's words (masked) and the first line of its answer */
  botAnswered: z.array(
    z.object({
      seq: z.number().int().positive(),
      intent: z.string().nullable(),
      question: z.string().nullable(),
      answer: z.string(),
    }),
  ),
  /** what the customer still needs: their latest requests nobody answered (or else their last one), masked */
  customerNeeds: z.array(z.object({ seq: z.number().int().positive(), text: z.string() })),
  details: z.array(handoffDetailSchema),
  reason: handoffReasonViewSchema,
  emotion: z.object({ current: messageEmotionSchema, trend: emotionTrendSchema }).nullable(),
  /** one paragraph in the staff member's language */
  text: z.string(),
});
export type HandoffSummary = z.infer<typeof handoffSummarySchema>;

/**
 * The customer's emotion over the conversation. `current` is how they feel now: the latest reading, except
 * that a neutral message right after a negative one ("转人工", an order number) does not make an angry
 * customer calm (`heldFrom`: when the reading kept as current was taken). `latest` is the last reading as read.
 */
export const handoffEmotionSchema = z.object({
  current: messageEmotionSchema,
  latest: messageEmotionSchema,
  heldFrom: z.string().nullable(),
  trend: emotionTrendSchema,
  history: z.array(messageEmotionSchema.extend({ at: z.string() })),
});
export type HandoffEmotion = z.infer<typeof handoffEmotionSchema>;

/** An earlier conversation of the same customer: on this contact, or on another one with the same verified id. */
export const previousConversationSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  handoffReason: handoffReasonSchema.nullable(),
  tags: z.array(z.string()),
  csat: z.number().int().nullable(),
  messageCount: z.number().int().nonnegative(),
  /** the customer's first message, masked and shortened */
  firstMessage: z.string().nullable(),
  /** `customer_id`: found through the verified customer id (another device or browser) */
  joinedBy: z.enum(['contact', 'customer_id']),
});
export type PreviousConversation = z.infer<typeof previousConversationSchema>;

export const handoffQuerySchema = z.object({ lang: langSchema.optional() });

/** What an agent or expert receiving a conversation sees, so the customer never repeats themselves. */
export const handoffPacketSchema = z.object({
  conversation: z.object({
    id: idSchema,
    status: conversationStatusSchema,
    priority: z.number().int(),
    tags: z.array(z.string()),
    createdAt: z.string(),
    queuedAt: z.string().nullable(),
  }),
  summary: handoffSummarySchema,
  reason: handoffReasonViewSchema,
  emotion: handoffEmotionSchema.nullable(),
  contact: z.object({
    id: idSchema,
    name: z.string().nullable(),
    lang: langSchema.nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    /** set only from a signed identity */
    verifiedCustomerId: z.string().nullable(),
  }),
  previousConversations: z.array(previousConversationSchema),
  /** messages this customer left earlier (tickets), newest first */
  tickets: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['open', 'pending', 'solved']),
      message: z.string(),
      createdAt: z.string(),
    }),
  ),
  /** the whole transcript, bot turns included (the latest 500 messages) */
  messages: z.array(messageViewSchema),
});
export type HandoffPacket = z.infer<typeof handoffPacketSchema>;
