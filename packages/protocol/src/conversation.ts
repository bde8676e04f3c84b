import { z } from 'zod';
import { attachmentViewSchema } from './attachments.ts';
import { idSchema, langSchema, storableString } from './common.ts';
import { answerSourceSchema } from './llm.ts';

export const conversationStatuses = ['bot', 'queued', 'assigned', 'resolved', 'closed'] as const;
export const conversationStatusSchema = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof conversationStatusSchema>;

/** Why a conversation went to people: the customer asked (button or words), the bot failed twice, a staff rule,
 * the customer's emotion, a flow step, or a human-first setting. */
export const handoffReasons = [
  'customer_request',
  'keyword',
  'repeated_miss',
  'rule',
  'emotion',
  'flow',
  'human_first',
] as const;
export const handoffReasonSchema = z.enum(handoffReasons);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

export const authorKinds = ['customer', 'bot', 'agent', 'system'] as const;
export const authorKindSchema = z.enum(authorKinds);
export type AuthorKind = z.infer<typeof authorKindSchema>;

export const quickReplySchema = z.object({ label: z.string(), payload: z.string() });
export type QuickReply = z.infer<typeof quickReplySchema>;

/** System notices are stored as codes and rendered in the reader's language. */
export const systemNoticeSchema = z.object({
  code: z.enum([
    'queued',
    'agent_joined',
    'resolved',
    'reopened',
    'released',
    /** passed to another person, team or the expert tier (`agentName` / `teamName` when known) */
    'transferred',
    /** the person serving went offline: back in the queue, at the same place */
    'agent_left',
    /** handed back to the bot */
    'back_to_bot',
    /** asked for a person again while waiting: acknowledged, with the place in the queue */
    'still_queued',
    /** nobody who could take it is online now: the customer may wait or leave a message */
    'no_agents',
    /** outside business hours (`opensAt`: when they open again): the customer may leave a message */
    'closed_hours',
    /** the customer left a message (a ticket): staff reply later, here and by e-mail */
    'ticket_created',
    /** an expert joined to help (staff see who) */
    'expert_joined',
    /** closed after a time without messages */
    'auto_closed',
  ]),
  agentName: z.string().optional(),
  teamName: z.string().optional(),
  position: z.number().int().optional(),
  opensAt: z.string().optional(),
});
export type SystemNotice = z.infer<typeof systemNoticeSchema>;

/** The engine's fine-grained emotional states, as staff see them (kept equal to the engine's list by a test). */
export const emotionStates = [
  'anger',
  'frustration',
  'impatience',
  'urgency',
  'complaint',
  'threat_to_leave',
  'public_complaint',
  'distrust',
  'sarcasm',
  'disgust',
  'anxiety',
  'worry',
  'fear',
  'sadness',
  'disappointment',
  'helplessness',
  'confusion',
  'shock',
  'surprise',
  'gratitude',
  'satisfaction',
  'relief',
  'praise',
  'joy',
  'neutral',
] as const;
export type EmotionStateName = (typeof emotionStates)[number];

/** The emotion read from a customer message (staff only). */
export const messageEmotionSchema = z.object({
  state: z.string(),
  basic: z.enum(['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral']),
  polarity: z.enum(['negative', 'neutral', 'positive']),
  intensity: z.number().min(0).max(1),
});
export type MessageEmotion = z.infer<typeof messageEmotionSchema>;

/** Where a hand-over asked to go (bot → agent → expert), and why in the staff's words. */
export const handoffTargetSchema = z.object({
  tier: z.enum(['agent', 'expert']),
  team: z.string().nullable(),
  detail: z.string().nullable(),
});
export type HandoffTarget = z.infer<typeof handoffTargetSchema>;

export const messageViewSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  /** `id`: staff views only, on messages of staff */
  author: z.object({ kind: authorKindSchema, name: z.string().nullable(), id: idSchema.optional() }),
  text: z.string(),
  buttons: z.array(quickReplySchema),
  notice: systemNoticeSchema.nullable(),
  /** present only in staff views, on customer messages */
  emotion: messageEmotionSchema.nullable().optional(),
  /** staff views only: an internal note between staff (the customer never receives it) */
  internal: z.boolean().optional(),
  /** images and PDFs sent with the message (present when it has any; the text may then be empty) */
  attachments: z.array(attachmentViewSchema).optional(),
  /** bot answers from documents: the sources they were taken from (shown under the answer) */
  sources: z.array(answerSourceSchema).optional(),
  /** a bot answer first shown as it streamed (`bot:stream` with this id): the stored message replaces it */
  streamId: z.string().optional(),
  createdAt: z.string(),
});
export type MessageView = z.infer<typeof messageViewSchema>;

/** What the customer's widget may know of its conversation. */
export const widgetConversationSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  agentName: z.string().nullable(),
  /** whether the customer already rated it (the widget asks once, after it ended) */
  rated: z.boolean(),
  /** whether it is worth asking for a rating: a person served it (not the bot alone, not a message left) */
  ratable: z.boolean(),
});
export type WidgetConversation = z.infer<typeof widgetConversationSchema>;

/** What staff see in the inbox and the conversation view. */
export const agentConversationSchema = z.object({
  id: idSchema,
  status: conversationStatusSchema,
  priority: z.number().int(),
  handoffReason: handoffReasonSchema.nullable(),
  handoff: handoffTargetSchema.nullable(),
  assignee: z.object({ id: idSchema, name: z.string() }).nullable(),
  contact: z.object({
    id: idSchema,
    name: z.string().nullable(),
    lang: langSchema.nullable(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  }),
  lastMessage: z.object({ text: z.string(), authorKind: authorKindSchema, createdAt: z.string() }).nullable(),
  queuedAt: z.string().nullable(),
  /** the team whose queue it waits in, and the person it is offered to now */
  team: z.object({ id: idSchema, name: z.string(), tier: z.union([z.literal(1), z.literal(2)]) }).nullable(),
  offer: z.object({ userId: idSchema, expiresAt: z.string() }).nullable(),
  csat: z.object({ score: z.number().int(), comment: z.string().nullable() }).nullable(),
  /** the customer's latest emotion and its trend over the conversation */
  emotion: z
    .object({
      current: messageEmotionSchema,
      trend: z.enum(['improving', 'steady', 'worsening']),
      history: z.array(messageEmotionSchema.extend({ at: z.string() })),
    })
    .nullable(),
  tags: z.array(z.string()),
  /** the service-level deadline still running: first response until a person answered, then resolution */
  sla: z
    .object({ kind: z.enum(['first_response', 'resolution']), dueAt: z.string() })
    .nullable()
    .optional(),
  /** how it ended, as the resolving person tagged it */
  disposition: z.array(z.string()).optional(),
  /** read receipts: the highest `seq` the customer's widget has shown them (0: none yet); never goes back */
  customerReadSeq: z.number().int().nonnegative().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AgentConversation = z.infer<typeof agentConversationSchema>;

/** The customer's place in the queue, sent to the widget while they wait (and whenever it changes). */
export const queueStatusSchema = z.object({
  conversationId: idSchema,
  /** 1: next */
  position: z.number().int().positive(),
  /** from recent handle times and people available; null when nobody who could take it is online */
  estimatedWaitSeconds: z.number().int().nonnegative().nullable(),
  agentsOnline: z.number().int().nonnegative(),
});
export type QueueStatus = z.infer<typeof queueStatusSchema>;

/** The customer's rating of a conversation that ended (1–5, optional comment). */
export const csatSchema = z.object({
  conversationId: idSchema,
  score: z.number().int().min(1).max(5),
  comment: storableString()
    .max(1000)
    .optional()
    .transform((value) => (value?.trim() ? value.trim() : undefined)),
});
export type CsatInput = z.infer<typeof csatSchema>;
