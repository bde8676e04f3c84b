import type {
  AttachmentMime,
  ConversationStatus,
  HandoffReason,
  HandoffTarget,
  Lang,
  Presence,
  QuickReply,
  SystemNotice,
} from '@tandem/protocol';
import type {
  Attachment,
  Attributes,
  BusinessHours,
  Channel,
  Contact,
  Conversation,
  ConversationEvent,
  EmotionReading,
  Message,
  MessageAttachment,
  RoutingStrategy,
  SlaTargets,
  Team,
  Ticket,
  TicketReply,
  Uploader,
  User,
  Workspace,
} from './records.ts';
import type { Candidate } from './routing/pickAgent.ts';

/** What the domain needs from storage. Implemented by `@tandem/storage` over PGlite or PostgreSQL. */
export interface Store {
  workspaces: WorkspaceRepository;
  users: UserRepository;
  contacts: ContactRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  events: EventRepository;
  teams: TeamRepository;
  routing: RoutingRepository;
  service: ServiceRepository;
  tickets: TicketRepository;
  attachments: AttachmentRepository;
  /**
   * Runs `work` in one database transaction; the store it receives must be used for everything inside. With
   * `retry`, a transaction PostgreSQL aborted as a deadlock or serialization failure (40P01, 40001) runs again
   * (a few times): `work` must then do nothing but database work and what it can redo from the start.
   */
  transaction<T>(work: (store: Store) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TransactionOptions {
  /** run again when the database aborted it over a conflict with another transaction */
  retry?: boolean;
}

export interface WorkspaceRepository {
  findBySlug(slug: string): Promise<Workspace | null>;
  findById(id: string): Promise<Workspace | null>;
  /** the most recently created first, at most `limit` */
  listRecent(limit: number): Promise<Workspace[]>;
}

export interface UserRepository {
  findById(id: string): Promise<User | null>;
  listByWorkspace(workspaceId: string): Promise<User[]>;
  /** sets presence; when it changed, also when it changed (an offline person's grace period runs from it) */
  setPresence(id: string, presence: Presence, auto?: boolean): Promise<void>;
  /** people away because their connections closed since before `before` become offline (returned) */
  expireAutoAway(before: Date): Promise<User[]>;
  setRoutingProfile(
    id: string,
    profile: { maxConcurrent: number; skills: string[]; languages: Lang[] },
  ): Promise<void>;
}

export interface TeamInput {
  name: string;
  key: string | null;
  tier: 1 | 2;
  strategy: RoutingStrategy;
  offerTimeoutSeconds: number;
  offlineGraceSeconds: number;
  hours: BusinessHours | null;
  sla: SlaTargets | null;
  nudgeSeconds: number;
  requeueAfterNudgeSeconds: number;
  fallbackTeamId: string | null;
  memberIds: string[];
}

export interface TeamRepository {
  listByWorkspace(workspaceId: string): Promise<Team[]>;
  findById(workspaceId: string, id: string): Promise<Team | null>;
  /** null when the name or key is already used in the workspace */
  create(workspaceId: string, input: TeamInput): Promise<Team | null>;
  /** null when the name or key is already used; undefined when there is no such team */
  update(workspaceId: string, id: string, input: TeamInput): Promise<Team | null | undefined>;
  delete(workspaceId: string, id: string): Promise<boolean>;
}

/**
 * What routing reads of a queued conversation. A routing pass reads the whole queue, so it leaves out what
 * it never uses and what can be large (the handoff packet, the emotion history, the bot's state): with a
 * long queue those made every pass cost more than the offers it made.
 */
export type QueuedConversationFields = Pick<
  Conversation,
  | 'id'
  | 'workspaceId'
  | 'contactId'
  | 'teamId'
  | 'priority'
  | 'tags'
  | 'offer'
  | 'declinedBy'
  | 'lastAgentId'
  | 'queuedAt'
  | 'createdAt'
  | 'updatedAt'
>;

/** A queued conversation with what routing needs of its customer. */
export interface QueuedConversation {
  conversation: QueuedConversationFields;
  lang: Lang | null;
}

/** The queries and compare-and-set updates of routing. */
export interface RoutingRepository {
  /** staff of the workspace (or only `userIds`) with their load: assigned now plus offered now */
  candidates(workspaceId: string, userIds?: readonly string[]): Promise<Candidate[]>;
  /** inside a transaction: locks the person's row until commit (offers to one person are serialised) */
  lockUser(userId: string): Promise<void>;
  /** the workspace's queued conversations, oldest first */
  listQueued(workspaceId: string): Promise<QueuedConversation[]>;
  /** workspaces with queued conversations nobody has been offered */
  workspacesWithWaiting(): Promise<string[]>;
  /** offers a queued conversation nobody is offered now (compare-and-set); null when that changed */
  offer(id: string, userId: string, expiresAt: Date): Promise<Conversation | null>;
  /** ends the offer to `userId` (compare-and-set); `declined`: not offered to them again this round */
  endOffer(id: string, userId: string, declined: boolean): Promise<Conversation | null>;
  /** starts a new round of offers for a waiting conversation nobody is offered now (clears who declined) */
  resetDeclined(id: string): Promise<Conversation | null>;
  /** offers whose time ran out by `now` */
  listExpiredOffers(now: Date, limit: number): Promise<Conversation[]>;
  /** pending offers to a person */
  listOffersTo(userId: string): Promise<Conversation[]>;
  /** assigned conversations whose person has been offline longer than their team's grace (or `defaultGraceSeconds`) */
  listOrphaned(now: Date, defaultGraceSeconds: number, limit: number): Promise<Conversation[]>;
  /** mean seconds from a person taking a conversation to resolving it, over the workspace's recent ones */
  meanHandleSeconds(workspaceId: string): Promise<number | null>;
  /** stores the customer's rating once (compare-and-set: ended, not yet rated) */
  rate(id: string, score: number, comment: string | null): Promise<Conversation | null>;
}

export interface ContactRepository {
  findById(id: string): Promise<Contact | null>;
  findByTokenHash(tokenHash: string): Promise<Contact | null>;
  create(input: {
    workspaceId: string;
    tokenHash: string;
    name: string | null;
    lang: Lang | null;
    attributes: Attributes;
  }): Promise<Contact>;
  touch(
    id: string,
    patch: { lang?: Lang | null; name?: string | null; attributes?: Attributes },
  ): Promise<void>;
}

export interface ConversationPatch {
  status: ConversationStatus;
  assigneeId?: string | null;
  handoffReason?: HandoffReason | null;
  handoff?: HandoffTarget | null;
  priority?: number;
  queuedAt?: Date | null;
  resolvedAt?: Date | null;
  teamId?: string | null;
  /** null withdraws the pending offer */
  offer?: null;
  declinedBy?: string[];
  lastAgentId?: string | null;
  assignedAt?: Date | null;
  /** the bot owes nothing for messages before now (handing back to the bot: a person answered them) */
  settleBot?: true;
  /** service-level deadlines (set when queued; its flags and first reply start again) */
  sla?: { firstResponseDueAt: Date; resolutionDueAt: Date };
  nudgedAt?: Date | null;
  disposition?: string[];
}

export interface ConversationRepository {
  findById(id: string): Promise<Conversation | null>;
  /** the contact's most recent conversation, open or not */
  findLatestForContact(contactId: string): Promise<Conversation | null>;
  /** inside a transaction: the contact's open conversation on a channel, locked until commit, or null */
  lockOpen(contactId: string, channel: Channel): Promise<Conversation | null>;
  /**
   * Opens a conversation with the bot; null when the contact already has an open one on the channel
   * (a concurrent first message won: at most one open conversation per contact and channel).
   */
  createOpen(input: {
    workspaceId: string;
    contactId: string;
    channel: Channel;
    botState: Record<string, unknown>;
  }): Promise<Conversation | null>;
  /**
   * Applies `patch` only if the conversation is still in status `from` (compare-and-set).
   * Returns the updated row, or null when another actor changed it first.
   */
  transition(
    id: string,
    from: ConversationStatus,
    patch: ConversationPatch,
    expect?: {
      /** still held by this person (null: by nobody) — a same-status change (transfer, assign) or a timer
       * acting on what it read earlier fails when someone else changed it meanwhile */
      assigneeId?: string | null;
      /** no message since (a timer closing an idle conversation) */
      lastSeq?: number;
    },
  ): Promise<Conversation | null>;
  /**
   * The bot's turn in one statement, compare-and-set: only while the bot is still the assignee and no other
   * turn answered meanwhile (`bot_seq` unchanged) are its replies stored (with the next sequence numbers)
   * and its state, tags and priority saved. Null when it lost: nothing was stored.
   */
  recordBotTurn(
    id: string,
    turn: {
      expectedBotSeq: number;
      answeredSeq: number;
      replies: NewBotReply[];
      botState: Record<string, unknown>;
      tags: string[];
      priority: number;
      /** the bot keeping watch over a queued conversation (the compare-and-set expects `queued`) */
      watching?: boolean;
    },
  ): Promise<{ conversation: Conversation; messages: Message[] } | null>;
  /**
   * Read receipts: raises the customer's read mark of their conversation to `seq` (at most its last message),
   * compare-and-set: only upwards, only the contact's own conversation. Null when nothing changed.
   */
  markCustomerRead(id: string, contactId: string, seq: number): Promise<Conversation | null>;
  /** conversations with the bot whose customer is owed a reply, oldest first */
  listBotOwed(limit: number): Promise<Conversation[]>;
  listAssignedTo(userId: string): Promise<Conversation[]>;
  /** the contact's conversations, newest first (for the handoff packet and history) */
  listForContact(contactId: string, limit: number): Promise<Conversation[]>;
}

export interface NewMessage {
  conversationId: string;
  workspaceId: string;
  clientId: string | null;
  authorKind: Message['authorKind'];
  authorId: string | null;
  text: string;
  buttons?: QuickReply[];
  notice?: SystemNotice | null;
  meta?: Record<string, unknown> | null;
  /** an internal note between staff */
  internal?: boolean;
}

export interface MessageRepository {
  /**
   * Appends a message with the conversation's next sequence number.
   * Idempotent on (conversation, author kind, clientId): a retry returns the stored message and `created: false`.
   */
  append(input: NewMessage): Promise<{ message: Message; created: boolean }>;
  /**
   * A customer message in one statement: into the contact's open conversation on the channel — opened with
   * the bot when there is none (`opened: true`), unless the message is a retry of one already stored or the
   * bot cannot take it — with the next sequence number, updating the conversation (sequence, customer's last
   * message, emotion readings). `no_conversation`: a concurrent first message is opening one (open it in a
   * transaction, then call again); `duplicate`: the customer already sent this client id (nothing changed);
   * `busy`: the conversation is (or would be) with the bot and `botAccepting` is false (nothing changed).
   */
  receiveCustomer(input: {
    workspaceId: string;
    contactId: string;
    channel: Channel;
    clientId: string;
    text: string;
    meta: Record<string, unknown> | null;
    emotion: EmotionReading | null;
    botAccepting: boolean;
  }): Promise<
    | {
        kind: 'stored';
        message: Message;
        conversation: Conversation;
        opened: boolean;
        /** the customer's message before this one in the conversation (0: none) */
        previousCustomerSeq: number;
      }
    | { kind: 'no_conversation' | 'duplicate' | 'busy' }
  >;
  /** the customer's message with this client id, in any of their conversations */
  findCustomerMessage(contactId: string, clientId: string): Promise<Message | null>;
  /** the customer's messages after `afterSeq`, oldest first */
  listCustomerAfter(conversationId: string, afterSeq: number): Promise<Message[]>;
  listByConversation(
    conversationId: string,
    options?: { limit?: number; afterSeq?: number },
  ): Promise<Message[]>;
}

export interface NewBotReply {
  clientId: string;
  text: string;
  buttons: QuickReply[];
  meta: Record<string, unknown> | null;
}

export interface EventRepository {
  record(event: ConversationEvent): Promise<void>;
  listByConversation(conversationId: string): Promise<Array<ConversationEvent & { createdAt: Date }>>;
}

/** An assigned conversation with when the customer and the person last wrote (for nudges). */
export interface ServedConversation {
  conversation: Conversation;
  lastCustomerAt: Date | null;
  lastAgentAt: Date | null;
}

/** Service levels after the queue: SLA flags, nudges, idle conversations, consults, the first reply. */
export interface ServiceRepository {
  /** a person replied: the first reply is recorded (once) and a nudge is cleared */
  markAgentReply(id: string): Promise<void>;
  /** queued or served conversations with SLA deadlines */
  listWithSla(limit: number): Promise<Conversation[]>;
  /** raises an SLA flag once (compare-and-set); null when already raised */
  addSlaFlag(id: string, flag: string): Promise<Conversation | null>;
  listServed(limit: number): Promise<ServedConversation[]>;
  /** records the nudge once per unanswered stretch (compare-and-set on the previous value) */
  markNudged(id: string, previous: Date | null): Promise<Conversation | null>;
  /** open conversations (with the bot or served) whose last message is older than `before` */
  listIdle(before: Date, limit: number): Promise<Conversation[]>;
  addParticipant(conversationId: string, userId: string, invitedBy: string | null): Promise<boolean>;
  removeParticipant(conversationId: string, userId: string): Promise<boolean>;
  /** ends every consult on the conversation (its person changed, or it ended) */
  clearParticipants(conversationId: string): Promise<void>;
  listParticipants(conversationId: string): Promise<string[]>;
}

export interface NewTicket {
  workspaceId: string;
  contactId: string;
  conversationId: string | null;
  teamId: string | null;
  name: string | null;
  email: string | null;
  phone: string | null;
  lang: Lang;
  message: string;
}

export interface TicketRepository {
  create(input: NewTicket): Promise<Ticket>;
  findById(workspaceId: string, id: string): Promise<Ticket | null>;
  list(workspaceId: string, status: Ticket['status'] | null, limit: number): Promise<Ticket[]>;
  listForContact(contactId: string, limit: number): Promise<Ticket[]>;
  setStatus(id: string, status: Ticket['status']): Promise<Ticket | null>;
  addReply(input: { ticketId: string; authorId: string; text: string; email: boolean }): Promise<TicketReply>;
  listReplies(ticketId: string): Promise<TicketReply[]>;
  /** replies whose e-mail is owed and due now (not leased by another sender, past their backoff), oldest first */
  listOwedEmails(
    limit: number,
    maxAttempts: number,
  ): Promise<Array<{ reply: TicketReply; ticket: Ticket; attempts: number }>>;
  /** claims one attempt at sending with a lease (compare-and-set on the attempt count); false when another
   * sender has it */
  claimEmail(replyId: string, attempts: number): Promise<boolean>;
  finishEmail(
    replyId: string,
    outcome: { sent: true } | { sent: false; error: string; final: boolean },
  ): Promise<void>;
}

export interface NewAttachment {
  workspaceId: string;
  /** staff upload to a conversation; a customer's upload has none until it is sent */
  conversationId: string | null;
  uploader: Uploader;
  name: string;
  mime: AttachmentMime;
  size: number;
  sha256: string;
  data: Uint8Array;
}

/** Uploaded files (images, PDFs), kept in the database so that every process can serve them. */
export interface AttachmentRepository {
  /** stores an upload, not sent yet */
  create(input: NewAttachment): Promise<Attachment>;
  /** how many of the uploader's uploads since `since` are still unsent */
  countUnsent(uploader: Uploader, since: Date): Promise<number>;
  /** deletes uploads never sent and older than `before` (abandoned); returns how many */
  deleteUnsentBefore(before: Date): Promise<number>;
  /**
   * Inside the message's transaction: links the uploader's unsent attachments to the message — only those of
   * the workspace and of the message's conversation (a customer's may have none yet). Returns those linked,
   * in the order of `ids`; fewer than asked means some were not the uploader's, sent already, or elsewhere.
   */
  link(input: {
    ids: string[];
    workspaceId: string;
    conversationId: string;
    messageId: string;
    uploader: Uploader;
  }): Promise<MessageAttachment[]>;
  /** the attachments of these messages, by message id, in the order they were sent */
  listForMessages(
    messages: ReadonlyArray<{ id: string; conversationId: string }>,
  ): Promise<Map<string, MessageAttachment[]>>;
}
