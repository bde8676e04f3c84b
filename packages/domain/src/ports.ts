import type {
  ConversationStatus,
  HandoffReason,
  HandoffTarget,
  Lang,
  Presence,
  QuickReply,
  SystemNotice,
} from '@tandem/protocol';
import type {
  Attributes,
  Channel,
  Contact,
  Conversation,
  ConversationEvent,
  EmotionReading,
  Message,
  User,
  Workspace,
} from './records.ts';

/** What the domain needs from storage. Implemented by `@tandem/storage` over PGlite or PostgreSQL. */
export interface Store {
  workspaces: WorkspaceRepository;
  users: UserRepository;
  contacts: ContactRepository;
  conversations: ConversationRepository;
  messages: MessageRepository;
  events: EventRepository;
  /** Runs `work` in one database transaction; the store it receives must be used for everything inside. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
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
  setPresence(id: string, presence: Presence): Promise<void>;
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
  transition(id: string, from: ConversationStatus, patch: ConversationPatch): Promise<Conversation | null>;
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
    },
  ): Promise<{ conversation: Conversation; messages: Message[] } | null>;
  /** conversations with the bot whose customer is owed a reply, oldest first */
  listBotOwed(limit: number): Promise<Conversation[]>;
  listAssignedTo(userId: string): Promise<Conversation[]>;
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
