import type {
  AttachmentMime,
  AuthorKind,
  ConversationStatus,
  HandoffReason,
  HandoffTarget,
  Lang,
  MessageEmotion,
  Presence,
  QuickReply,
  Role,
  SystemNotice,
  SystemNotice as SystemNoticeInput,
} from '@tandem/protocol';

export type Attributes = Record<string, string | number | boolean>;
export type { SystemNoticeInput };

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  settings: Record<string, unknown>;
}

export interface User {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  locale: Lang;
  presence: Presence;
  /** routing profile: how many conversations at once, skills, languages spoken */
  maxConcurrent: number;
  skills: string[];
  languages: Lang[];
  /** when presence last changed (an offline person's grace period runs from it) */
  presenceChangedAt: Date;
  /** away because their last connection closed (not by choice): back online when they reconnect */
  presenceAuto: boolean;
}

export type RoutingStrategy = 'least_busy' | 'round_robin' | 'manual';

/** A skill group (售前, 售后, 账单, VIP …); tier 2 is the expert tier ("green channel"). */
export interface Team {
  id: string;
  workspaceId: string;
  name: string;
  /** what flows and rules call it (`team: payments`) */
  key: string | null;
  tier: 1 | 2;
  strategy: RoutingStrategy;
  /** an offer not accepted within this goes to the next person */
  offerTimeoutSeconds: number;
  /** a person offline this long loses their conversations back to the queue */
  offlineGraceSeconds: number;
  /** when it serves (null: always) */
  hours: BusinessHours | null;
  /** its targets (null: the defaults, see routing/sla.ts) */
  sla: SlaTargets | null;
  /** a customer left unanswered this long by their person: the person is nudged; after this much longer,
   * the conversation goes back to the queue */
  nudgeSeconds: number;
  requeueAfterNudgeSeconds: number;
  /** where its conversations go when nobody in it is online (null: they wait in its queue) */
  fallbackTeamId: string | null;
  memberIds: string[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Business hours in a time zone: intervals per weekday ("09:00"–"18:00"), and holidays (local dates). */
export interface BusinessHours {
  timezone: string;
  weekly: Partial<Record<Weekday, Array<{ from: string; to: string }>>>;
  holidays: string[];
}

/** Seconds to the first reply of a person and to resolution, per priority band. */
export interface SlaTargets {
  firstResponseSeconds: Record<PriorityBand, number>;
  resolutionSeconds: Record<PriorityBand, number>;
}
export type PriorityBand = 'normal' | 'high' | 'urgent';

export interface Contact {
  id: string;
  workspaceId: string;
  name: string | null;
  lang: Lang | null;
  attributes: Attributes;
  createdAt: Date;
  lastSeenAt: Date;
}

/** One reading of a customer message's emotion, with when it was read. */
export type EmotionReading = MessageEmotion & { at: string };

/** The latest reading and the last few (oldest first). */
export interface EmotionTrajectory {
  current: MessageEmotion;
  history: EmotionReading[];
}

/** Who holds a conversation: the bot while it is with the bot, a person once one accepted it, nobody while queued or over. */
export type Assignee = { kind: 'bot' } | { kind: 'user'; id: string } | null;

/** Where a conversation takes place; the widget is one channel among several (more come with the roadmap). */
export type Channel = 'widget';

export interface Conversation {
  id: string;
  workspaceId: string;
  contactId: string;
  channel: Channel;
  status: ConversationStatus;
  /** the bot is an assignee like a person: derived from status and assignee_id, so both can never disagree */
  assignee: Assignee;
  assigneeId: string | null;
  priority: number;
  handoffReason: HandoffReason | null;
  /** tier, team and detail of the last hand-over request */
  handoff: HandoffTarget | null;
  botState: Record<string, unknown>;
  /** the customer's emotion readings (staff see them, with a trend the presenter computes) */
  emotion: EmotionTrajectory | null;
  tags: string[];
  lastSeq: number;
  /** seq of the customer's last message, and of the last one the bot answered: the bot owes a reply while
   * the conversation is with the bot and `customerSeq > botSeq` (durable work, found again after a restart) */
  customerSeq: number;
  botSeq: number;
  /** read receipts: the highest seq the customer's widget has shown them (0: none); never goes back */
  customerReadSeq: number;
  queuedAt: Date | null;
  resolvedAt: Date | null;
  /** routing: the team whose queue it waits in (null: any agent), the pending offer, who declined it,
   * the customer's last person (stickiness), and when a person took it */
  teamId: string | null;
  offer: { userId: string; expiresAt: Date } | null;
  declinedBy: string[];
  lastAgentId: string | null;
  assignedAt: Date | null;
  /** the customer's rating once it ended */
  csat: { score: number; comment: string | null; at: Date } | null;
  /** service-level deadlines set when it was queued, the first reply of a person, and the warnings and
   * breaches raised (`first_response:warning`, `resolution:breach`, …) */
  sla: {
    firstResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    firstResponseAt: Date | null;
    flags: string[];
  };
  /** when its person was nudged for leaving the customer unanswered */
  nudgedAt: Date | null;
  /** how it ended, in the resolving person's words (tags such as refunded, duplicate) */
  disposition: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Message {
  id: string;
  conversationId: string;
  workspaceId: string;
  seq: number;
  clientId: string | null;
  authorKind: AuthorKind;
  authorId: string | null;
  text: string;
  buttons: QuickReply[];
  notice: SystemNotice | null;
  /** what the bot read from the message (e.g. emotion, intent); staff only */
  meta: Record<string, unknown> | null;
  /** an internal note between staff: never shown to the customer */
  internal: boolean;
  /** its attachments, when known (commands fill it in; transcripts read them apart: see AttachmentRepository) */
  attachments?: MessageAttachment[];
  createdAt: Date;
}

/** Who uploaded an attachment: a customer (contact id) or a staff member (user id). */
export type Uploader = { kind: 'customer'; id: string } | { kind: 'staff'; id: string };

/** An attachment's description (its bytes stay in storage until downloaded). */
export interface MessageAttachment {
  id: string;
  name: string;
  /** sniffed from the content when uploaded, one of the protocol's attachmentMimeTypes */
  mime: AttachmentMime;
  size: number;
}

/** An uploaded file: the customer's until it is sent (conversation unknown until then), staff's per conversation. */
export interface Attachment extends MessageAttachment {
  workspaceId: string;
  conversationId: string | null;
  /** null until a message carries it */
  messageId: string | null;
  uploader: Uploader;
  sha256: string;
  createdAt: Date;
}

/** A message left when nobody could take the conversation, with the customer's details; staff reply later. */
export interface Ticket {
  id: string;
  workspaceId: string;
  contactId: string;
  conversationId: string | null;
  teamId: string | null;
  status: 'open' | 'pending' | 'solved';
  name: string | null;
  email: string | null;
  phone: string | null;
  lang: Lang;
  message: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TicketReply {
  id: string;
  ticketId: string;
  authorId: string | null;
  text: string;
  emailState: 'none' | 'pending' | 'sent' | 'failed';
  createdAt: Date;
}

/** Who performs a command: the customer (contact), the bot, a staff member, or the system. */
export type Actor =
  | { kind: 'customer'; contactId: string }
  | { kind: 'bot' }
  | { kind: 'agent'; user: Pick<User, 'id' | 'name' | 'role' | 'workspaceId'> }
  | { kind: 'system' };

/** A row of the conversation event log: every transition is recorded. */
export interface ConversationEvent {
  conversationId: string;
  workspaceId: string;
  type: string;
  fromStatus: ConversationStatus | null;
  toStatus: ConversationStatus | null;
  actorKind: Actor['kind'];
  actorId: string | null;
  data: Record<string, unknown>;
}
