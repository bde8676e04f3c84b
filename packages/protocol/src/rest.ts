import { z } from 'zod';
import {
  attachmentIdsSchema,
  messageTextWithAttachmentsSchema,
  requireTextOrAttachments,
} from './attachments.ts';
import { clientIdSchema, idSchema, langSchema, storableString, workspaceSlugSchema } from './common.ts';
import {
  agentConversationSchema,
  conversationStatusSchema,
  messageViewSchema,
  widgetConversationSchema,
} from './conversation.ts';
import { meSchema, presenceSchema, teammateSchema } from './user.ts';
import { widgetAppearanceSchema } from './widgetAppearance.ts';

const attributeValue = z.union([storableString().max(500), z.number(), z.boolean()]);

/** Attributes the embedding page passes about its customer (customer id, VIP level, age group…). */
export const customerAttributesSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'attribute names are letters, digits, "_"'),
    attributeValue,
  )
  .refine((value) => Object.keys(value).length <= 30, 'at most 30 attributes');

/**
 * A customer id signed by the shop's backend: `signature` is the hex HMAC-SHA256 of `customerId` under the
 * workspace's identity secret. Only a verified id reaches the contact's `customerId` attribute.
 */
export const customerIdSchema = z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/, '1–64 of A-Z a-z 0-9 _ . : @ -');
export const widgetIdentitySchema = z.object({
  customerId: customerIdSchema,
  signature: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (HMAC-SHA256)'),
});
export type WidgetIdentity = z.infer<typeof widgetIdentitySchema>;

// ---- widget (customer) ----
export const widgetSessionBodySchema = z.object({
  workspace: workspaceSlugSchema,
  visitorToken: z.string().min(20).max(200).optional(),
  locale: langSchema.optional(),
  name: storableString().trim().min(1).max(80).optional(),
  attributes: customerAttributesSchema.optional(),
  identity: widgetIdentitySchema.optional(),
});
export type WidgetSessionBody = z.infer<typeof widgetSessionBodySchema>;

export const widgetSessionSchema = z.object({
  visitorToken: z.string(),
  contactId: idSchema,
  workspace: z.object({ slug: z.string(), name: z.string() }),
  conversation: widgetConversationSchema.nullable(),
  messages: z.array(messageViewSchema),
  /** the largest attachment the customer may upload (bytes), so the widget can say so before uploading */
  attachmentMaxBytes: z.number().int().positive().optional(),
  /** the workspace's widget look as admins set it (left out by servers older than it: the widget's defaults) */
  appearance: widgetAppearanceSchema.optional(),
});
export type WidgetSession = z.infer<typeof widgetSessionSchema>;

// ---- console (staff) ----
export const loginBodySchema = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const meResponseSchema = z.object({ me: meSchema });

export const inboxQuerySchema = z.object({
  view: z.enum(['queued', 'mine', 'assigned', 'bot', 'resolved', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

export const inboxResponseSchema = z.object({ conversations: z.array(agentConversationSchema) });

export const conversationParamsSchema = z.object({ id: idSchema });

export const conversationResponseSchema = z.object({
  conversation: agentConversationSchema,
  messages: z.array(messageViewSchema),
});

export const agentSendBodySchema = z
  .object({
    clientId: clientIdSchema,
    /** may be left out or empty when the message carries attachments */
    text: messageTextWithAttachmentsSchema.optional(),
    /** an internal note for staff (never shown to the customer) */
    internal: z.boolean().optional(),
    /** uploaded by the sender to this conversation and not sent yet (POST /api/conversations/:id/attachments) */
    attachmentIds: attachmentIdsSchema.optional(),
  })
  .superRefine(requireTextOrAttachments);
export type AgentSendBody = z.infer<typeof agentSendBodySchema>;

export const messageResponseSchema = z.object({ message: messageViewSchema });

export const presenceBodySchema = z.object({ presence: presenceSchema.exclude(['offline']) });

export const teamResponseSchema = z.object({ teammates: z.array(teammateSchema) });

export const statusFilterSchema = conversationStatusSchema;
