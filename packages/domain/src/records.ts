import type {
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
} from '@tandem/protocol';

export type Attributes = Record<string, string | number | boolean>;

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
  memberIds: string[];
}

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
