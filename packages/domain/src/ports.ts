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
  Contact,
  Conversation,
  ConversationEvent,
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
  create(input: {
    workspaceId: string;
    contactId: string;
    botState: Record<string, unknown>;
  }): Promise<Conversation>;
  findById(id: string): Promise<Conversation | null>;
  /** the contact's most recent conversation, open or not */
  findLatestForContact(contactId: string): Promise<Conversation | null>;
  /**
   * Applies `patch` only if the conversation is still in status `from` (compare-and-set).
   * Returns the updated row, or null when another actor changed it first.
   */
  transition(id: string, from: ConversationStatus, patch: ConversationPatch): Promise<Conversation | null>;
  saveBotState(id: string, botState: Record<string, unknown>): Promise<void>;
  /** what the bot learnt about the conversation: emotion trajectory, tags, raised priority */
  annotate(
    id: string,
    patch: { emotion?: Conversation['emotion']; tags?: string[]; priority?: number },
  ): Promise<void>;
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
  listByConversation(conversationId: string, options?: { limit?: number }): Promise<Message[]>;
  /** attaches what the bot read from a message (emotion, intent) */
  setMeta(id: string, meta: Record<string, unknown>): Promise<void>;
}

export interface EventRepository {
  record(event: ConversationEvent): Promise<void>;
  listByConversation(conversationId: string): Promise<Array<ConversationEvent & { createdAt: Date }>>;
}
