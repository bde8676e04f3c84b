import { z } from 'zod';
import {
  attachmentIdsSchema,
  messageTextWithAttachmentsSchema,
  requireTextOrAttachments,
} from './attachments.ts';
import { clientIdSchema, idSchema, langSchema, storableString } from './common.ts';
import type {
  AgentConversation,
  csatSchema,
  MessageView,
  QueueStatus,
  WidgetConversation,
} from './conversation.ts';
import type { Ack } from './errors.ts';
import type { BotStream } from './llm.ts';
import type { TicketView, ticketCreateSchema } from './tickets.ts';
import { type Presence, presenceSchema } from './user.ts';

/**
 * Realtime protocol over Socket.IO. Two namespaces:
 *  - `/widget`: customers, authenticated by the visitor token in the handshake `auth`;
 *  - `/agent`: staff, authenticated by the session cookie.
 * Every client→server event takes an acknowledgement callback that receives an {@link Ack}.
 */

// ---- /widget ----
export const widgetAuthSchema = z.object({
  visitorToken: z.string().min(20).max(200),
  protocol: z.number().int().optional(),
});

export const widgetSendSchema = z
  .object({
    clientId: clientIdSchema,
    /** may be left out or empty when the message carries attachments */
    text: messageTextWithAttachmentsSchema.optional(),
    lang: langSchema.optional(),
    /** uploaded by this customer (POST /api/widget/attachments) and not sent yet */
    attachmentIds: attachmentIdsSchema.optional(),
  })
  .superRefine(requireTextOrAttachments);
export type WidgetSend = z.infer<typeof widgetSendSchema>;
export const widgetHandoffSchema = z.object({ lang: langSchema.optional() });
export const typingSchema = z.object({ typing: z.boolean() });
/** after a reconnect: the latest conversation's messages after `afterSeq` (0: all of them) */
export const widgetSyncSchema = z.object({ afterSeq: z.number().int().min(0).max(2_147_483_647) });
/**
 * read receipts: the highest `seq` the widget has shown the customer (the chat open, the page visible), in
 * `conversationId` (default: their latest conversation); a mark never moves back
 */
export const widgetReadSchema = z.object({
  conversationId: idSchema.optional(),
  seq: z.number().int().min(1).max(2_147_483_647),
});

export interface WidgetClientEvents {
  'message:send': (payload: WidgetSend, ack: (result: Ack<{ message: MessageView }>) => void) => void;
  'handoff:request': (
    payload: z.infer<typeof widgetHandoffSchema>,
    ack: (result: Ack<{ conversation: WidgetConversation }>) => void,
  ) => void;
  typing: (payload: z.infer<typeof typingSchema>) => void;
  /** the customer has seen the messages up to `seq` (acknowledged with the stored mark, when asked) */
  'message:read': (
    payload: z.infer<typeof widgetReadSchema>,
    ack?: (result: Ack<{ seq: number }>) => void,
  ) => void;
  sync: (
    payload: z.infer<typeof widgetSyncSchema>,
    ack: (result: Ack<{ conversation: WidgetConversation | null; messages: MessageView[] }>) => void,
  ) => void;
  /** leave a message instead of waiting (nobody online, or out of hours): staff reply here and by e-mail */
  'ticket:create': (
    payload: z.input<typeof ticketCreateSchema>,
    ack: (result: Ack<{ ticket: { id: string; status: 'open' | 'pending' | 'solved' } }>) => void,
  ) => void;
  /** rate a conversation that ended (once) */
  'csat:submit': (
    payload: z.input<typeof csatSchema>,
    ack: (result: Ack<{ conversation: WidgetConversation }>) => void,
  ) => void;
}

export interface WidgetServerEvents {
  'message:new': (message: MessageView) => void;
  'conversation:updated': (conversation: WidgetConversation) => void;
  typing: (payload: { author: 'bot' | 'agent'; name: string | null; typing: boolean }) => void;
  /** while waiting for a person: the place in the queue and the estimated wait, whenever they change */
  'queue:status': (status: QueueStatus) => void;
  /** a bot answer while the model writes it (see BotStream; older widgets ignore it) */
  'bot:stream': (payload: BotStream) => void;
}

// ---- /agent ----
export const conversationRefSchema = z.object({ conversationId: idSchema });
export const agentSendSchema = z
  .object({
    conversationId: idSchema,
    clientId: clientIdSchema,
    /** may be left out or empty when the message carries attachments */
    text: messageTextWithAttachmentsSchema.optional(),
    /** an internal note for staff (never shown to the customer) */
    internal: z.boolean().optional(),
    /** uploaded by the sender to this conversation and not sent yet */
    attachmentIds: attachmentIdsSchema.optional(),
  })
  .superRefine(requireTextOrAttachments);
/** resolve, optionally with disposition tags (how it ended) */
export const resolveSchema = z.object({
  conversationId: idSchema,
  disposition: z.array(storableString().trim().min(1).max(40)).max(10).optional(),
});
/** invite an expert to consult (or remove one); without userId, `consult:leave` is the caller leaving */
export const consultSchema = z.object({ conversationId: idSchema, userId: idSchema });
export const consultLeaveSchema = z.object({ conversationId: idSchema, userId: idSchema.optional() });
export type AgentSend = z.infer<typeof agentSendSchema>;
export const agentTypingSchema = z.object({ conversationId: idSchema, typing: z.boolean() });
export const presenceSetSchema = z.object({ presence: presenceSchema.exclude(['offline']) });
/** where a conversation goes: a person, a team's queue, or the expert tier; with a note for the receiver */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), userId: idSchema }),
  z.object({ kind: z.literal('team'), teamId: idSchema }),
  z.object({ kind: z.literal('expert') }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;
export const transferSchema = z.object({
  conversationId: idSchema,
  to: transferTargetSchema,
  note: storableString().trim().max(1000).optional(),
});

export interface AgentClientEvents {
  'conversation:accept': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  'conversation:resolve': (
    payload: z.input<typeof resolveSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  /** invite an expert to consult on my conversation: they see it, write internal notes or reply */
  'consult:invite': (
    payload: z.infer<typeof consultSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  'consult:leave': (
    payload: z.infer<typeof consultLeaveSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  /** turn down the conversation offered to me: it goes to the next person */
  'conversation:decline': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  /** put my conversation back in its queue */
  'conversation:release': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  'conversation:transfer': (
    payload: z.input<typeof transferSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  /** take a resolved conversation up again (its person, supervisors, admins): assigned to me */
  'conversation:reopen': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  /** hand the conversation back to the bot */
  'conversation:handback': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ conversation: AgentConversation }>) => void,
  ) => void;
  'conversation:watch': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ watching: string }>) => void,
  ) => void;
  'conversation:unwatch': (
    payload: z.infer<typeof conversationRefSchema>,
    ack: (result: Ack<{ watching: null }>) => void,
  ) => void;
  'message:send': (payload: AgentSend, ack: (result: Ack<{ message: MessageView }>) => void) => void;
  typing: (payload: z.infer<typeof agentTypingSchema>) => void;
  'presence:set': (
    payload: z.infer<typeof presenceSetSchema>,
    ack: (result: Ack<{ presence: Presence }>) => void,
  ) => void;
}

/** A message moved a conversation's inbox row: its preview, emotion and time (no database read per message). */
export interface InboxActivity {
  conversationId: string;
  status: AgentConversation['status'];
  lastMessage: NonNullable<AgentConversation['lastMessage']>;
  emotion: AgentConversation['emotion'];
  updatedAt: string;
}

/** What staff are told about their workspace's bot after a change: training, live (up to `version`), or failed. */
export interface BotStatusView {
  state: 'training' | 'live' | 'failed';
  version: number;
  liveVersion: number;
  error?: string;
}

export interface AgentServerEvents {
  /** a conversation changed (status, assignee, priority, tags; or it is new): its whole inbox row */
  'conversation:updated': (conversation: AgentConversation) => void;
  /** messages moved inbox rows: coalesced, at most a few times a second per workspace */
  'inbox:activity': (payload: { items: InboxActivity[] }) => void;
  /** the workspace's bot is training, live or failed after a change of knowledge, flows or settings */
  'bot:status': (status: BotStatusView) => void;
  /** a message in a conversation the agent watches or is assigned */
  'message:new': (message: MessageView) => void;
  typing: (payload: { conversationId: string; author: 'customer'; typing: boolean }) => void;
  /** read receipts: the customer has seen the messages up to `seq` (to staff in the conversation's room) */
  'conversation:read': (payload: { conversationId: string; seq: number }) => void;
  'presence:changed': (payload: { userId: string; presence: Presence }) => void;
  /** a queued conversation is offered to me until `expiresAt`: accept or decline */
  'conversation:offered': (payload: { conversation: AgentConversation; expiresAt: string }) => void;
  /** an offer to me ended without my accepting it (timed out, taken by someone else, withdrawn) */
  'offer:withdrawn': (payload: { conversationId: string }) => void;
  /** I am asked to consult on a conversation (I joined its room) */
  'consult:invited': (payload: { conversation: AgentConversation; invitedBy: string }) => void;
  /** my customer has waited too long for my answer */
  'conversation:nudge': (payload: { conversationId: string }) => void;
  /** an SLA deadline is near or passed (to the workspace: supervisors watch these) */
  'conversation:sla': (payload: {
    conversationId: string;
    kind: 'first_response' | 'resolution';
    level: 'warning' | 'breach';
    dueAt: string;
  }) => void;
  /** a ticket was left or changed */
  'ticket:updated': (ticket: TicketView) => void;
}
