import type { HandoffReason } from '@tandem/protocol';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** a column the database fills in when an insert leaves it out */
type Default<T> = ColumnType<T, T | undefined, T>;
type JsonDefault<T> = ColumnType<T, string | undefined, string>;

export interface WorkspaceTable {
  id: string;
  slug: string;
  name: string;
  settings: JsonDefault<Record<string, unknown>>;
  /** HMAC key for identity verification (base64url, 32 random bytes); never leaves the admin API */
  identity_secret: string | null;
  /** the customer widget's look (012_widget_appearance); null: the defaults */
  widget_appearance: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface UserTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: 'admin' | 'supervisor' | 'agent' | 'expert';
  password_hash: string;
  locale: Default<'zh' | 'en'>;
  presence: Default<'online' | 'away' | 'offline'>;
  max_concurrent: Default<number>;
  skills: JsonDefault<string[]>;
  languages: JsonDefault<Array<'zh' | 'en'>>;
  presence_changed_at: Default<Date>;
  presence_auto: Default<boolean>;
  last_offered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** people administration (010_people): disabled people cannot sign in; a temporary password was set by an admin */
  disabled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  password_temporary: Default<boolean>;
  last_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
}

export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  key: Default<string | null>;
  tier: Default<1 | 2>;
  strategy: Default<'least_busy' | 'round_robin' | 'manual'>;
  offer_timeout_seconds: Default<number>;
  offline_grace_seconds: Default<number>;
  hours: ColumnType<unknown, string | null | undefined, string | null>;
  sla: ColumnType<unknown, string | null | undefined, string | null>;
  nudge_seconds: Default<number>;
  requeue_after_nudge_seconds: Default<number>;
  fallback_team_id: Default<string | null>;
  created_at: Timestamp;
}

export interface ConversationParticipantTable {
  conversation_id: string;
  user_id: string;
  invited_by: string | null;
  joined_at: Default<Date>;
}

export interface TicketTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  conversation_id: string | null;
  team_id: string | null;
  status: Default<'open' | 'pending' | 'solved'>;
  name: string | null;
  email: string | null;
  phone: string | null;
  lang: Default<'zh' | 'en'>;
  message: string;
  created_at: Default<Date>;
  updated_at: Default<Date>;
}

export interface TicketReplyTable {
  id: string;
  ticket_id: string;
  author_id: string | null;
  text: string;
  email_state: Default<'none' | 'pending' | 'sent' | 'failed'>;
  email_attempts: Default<number>;
  email_error: Default<string | null>;
  email_claimed_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  email_next_attempt_at: Default<Date>;
  created_at: Default<Date>;
}

export interface TeamMemberTable {
  team_id: string;
  user_id: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
}

export interface ContactTable {
  id: string;
  workspace_id: string;
  visitor_token_hash: string;
  name: string | null;
  lang: 'zh' | 'en' | null;
  attributes: JsonDefault<Record<string, string | number | boolean>>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ConversationTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  status: 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';
  assignee_id: Default<string | null>;
  priority: Default<number>;
  handoff_reason: Default<HandoffReason | null>;
  bot_state: Json<Record<string, unknown>>;
  last_seq: Default<number>;
  channel: Default<string>;
  customer_seq: Default<number>;
  bot_seq: Default<number>;
  customer_read_seq: Default<number>;
  emotion: ColumnType<unknown, string | null | undefined, string | null>;
  handoff: ColumnType<unknown, string | null | undefined, string | null>;
  tags: JsonDefault<string[]>;
  queued_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  team_id: Default<string | null>;
  offered_to: Default<string | null>;
  offer_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  declined_by: JsonDefault<string[]>;
  last_agent_id: Default<string | null>;
  assigned_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  csat_score: Default<number | null>;
  csat_comment: Default<string | null>;
  csat_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  first_response_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  resolution_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  first_response_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sla_flags: JsonDefault<string[]>;
  nudged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  disposition: JsonDefault<string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessageTable {
  id: string;
  conversation_id: string;
  workspace_id: string;
  seq: number;
  client_id: string | null;
  author_kind: 'customer' | 'bot' | 'agent' | 'system';
  author_id: string | null;
  text: string;
  buttons: Json<Array<{ label: string; payload: string }>>;
  notice: Json<{ code: string; agentName?: string } | null>;
  meta: ColumnType<unknown, string | null | undefined, string | null>;
  internal: Default<boolean>;
  created_at: Timestamp;
}

export interface ConversationEventTable {
  id: Generated<number>;
  conversation_id: string;
  workspace_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_kind: 'customer' | 'bot' | 'agent' | 'system';
  actor_id: string | null;
  data: JsonDefault<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface KnowledgeEntryTable {
  workspace_id: string;
  id: string;
  category: string;
  questions: Json<{ zh: string[]; en: string[] }>;
  answer: Json<{ zh: string; en: string }>;
  related: JsonDefault<string[]>;
  updated_at: Timestamp;
  /** 011_knowledge_versions: false keeps the entry (and its versions) but the bot does not answer from it */
  enabled: Default<boolean>;
}

/** Every change of a knowledge entry (011_knowledge_versions): the whole entry after it, who, when. */
export interface KnowledgeVersionTable {
  workspace_id: string;
  entry_id: string;
  version: number;
  change: 'create' | 'update' | 'delete' | 'enable' | 'disable' | 'rollback';
  via: Default<'edit' | 'import'>;
  restored_from: ColumnType<number | null, number | null | undefined, number | null>;
  snapshot: Json<{
    id: string;
    category: string;
    questions: { zh: string[]; en: string[] };
    answer: { zh: string; en: string };
    related: string[];
    enabled: boolean;
  }>;
  created_by: string | null;
  created_at: Default<Date>;
}

export interface BotDefinitionTable {
  workspace_id: string;
  kind: 'flow' | 'rules' | 'settings';
  key: string;
  version: number;
  source: string;
  format: 'json' | 'yaml';
  created_by: string | null;
  created_at: Timestamp;
}

export interface BotDefinitionHeadTable {
  workspace_id: string;
  kind: 'flow' | 'rules' | 'settings';
  key: string;
  active_version: number | null;
  updated_at: Timestamp;
}

/** Canned replies (008_canned_replies): personal (owner_user_id), a team's (team_id) or the workspace's. */
export interface CannedReplyTable {
  id: string;
  workspace_id: string;
  scope: 'personal' | 'team' | 'workspace';
  owner_user_id: string | null;
  team_id: string | null;
  shortcut: string;
  title: string;
  body: string;
  lang: 'zh' | 'en' | null;
  created_by: string | null;
  created_at: Default<Date>;
  updated_at: Default<Date>;
}

/** Attachments (009_attachments): the bytes stay here; unsent while message_id is null. */
export interface AttachmentTable {
  id: string;
  workspace_id: string;
  conversation_id: string | null;
  message_id: string | null;
  position: Default<number>;
  uploader_kind: 'customer' | 'staff';
  uploader_id: string;
  name: string;
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';
  size: number;
  sha256: string;
  data: Uint8Array;
  created_at: Default<Date>;
}

/** Keys the server signs with (009_attachments), shared by every process on the database. */
export interface ServerSecretTable {
  name: string;
  secret: string;
  created_at: Default<Date>;
}

/** Trained bot models by training key (017_trained_models): the engine's encoded snapshot. */
export interface TrainedModelTable {
  workspace_id: string;
  key: string;
  data: Uint8Array;
  used_at: Default<Date>;
  /** larger = used more recently (018_trained_model_use: a sequence, as times can be equal) */
  use_order: Default<string>;
}

/** The language-model provider per workspace (016_llm); the key is sealed (encrypted), never plain. */
export interface LlmSettingsTable {
  workspace_id: string;
  enabled: Default<boolean>;
  base_url: string;
  chat_model: string;
  embedding_model: string | null;
  api_key_sealed: string | null;
  timeout_ms: Default<number>;
  daily_token_budget: Default<number>;
  features: JsonDefault<Record<string, unknown>>;
  updated_at: Timestamp;
}

/** Tokens spent per workspace and UTC day (016_llm). */
export interface LlmUsageTable {
  workspace_id: string;
  day: ColumnType<string, string, string>;
  tokens: ColumnType<string | number, number | undefined, number>;
}

/** One row per provider call, without the text (016_llm). */
export interface LlmCallTable {
  id: string;
  workspace_id: string;
  purpose: string;
  model: string;
  outcome: string;
  latency_ms: number;
  prompt_tokens: Default<number>;
  completion_tokens: Default<number>;
  created_at: Timestamp;
}

/** Documents of the knowledge (016_llm): extracted text; chunks in `document_chunks`. */
export interface DocumentTable {
  id: string;
  workspace_id: string;
  title: string;
  source: 'upload' | 'url';
  url: string | null;
  format: 'markdown' | 'html' | 'text' | 'pdf' | 'docx';
  size: number;
  sha256: string;
  content: string;
  chunk_count: Default<number>;
  embedded: Default<boolean>;
  embedding_model: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentChunkTable {
  document_id: string;
  position: number;
  workspace_id: string;
  heading: string;
  text: string;
  embedding: ColumnType<number[] | null, string | null | undefined, string | null>;
}

/** One row per conversation for analytics (014_analytics); dimensions use '' for none. See docs/metrics.md. */
export interface AnalyticsConversationTable {
  conversation_id: string;
  workspace_id: string;
  contact_id: string;
  hour: Timestamp;
  started_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  channel: string;
  lang: string;
  team_id: string;
  agent_id: string;
  intent: string;
  reason: string;
  emotion: string;
  queued: boolean;
  assigned: boolean;
  transfers: number;
  frt_s: number | null;
  wait_s: number | null;
  handle_s: number | null;
  csat: number | null;
  sla_met: boolean | null;
  bot_replies: number;
  oos_replies: number;
  bot_outcome: '' | 'pending' | 'resolved' | 'unresolved';
  updated_at: Default<Date>;
  /** the conversation's `updated_at` the fact was computed from (019); null: computed before that was kept */
  source_updated_at: Date | null;
}

/** Hours whose rollups must be recomputed from the facts (014_analytics). */
export interface AnalyticsDirtyHourTable {
  workspace_id: string;
  hour: Timestamp;
  marked_at: Generated<Timestamp>;
}

/** How far the analytics sweep has read conversations (014_analytics, one row). */
export interface AnalyticsSweepTable {
  id: number;
  swept_until: Timestamp;
}

/** A workspace's data retention and its durable purge timer (014_analytics). */
export interface DataRetentionTable {
  workspace_id: string;
  retention_days: number;
  next_purge_at: Default<Date>;
  last_purge_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  last_purged: Default<number>;
  updated_at: Default<Date>;
}

/** A demand-mining run of a workspace (015_demand, docs/mining.md). */
export interface DemandRunTable {
  id: string;
  workspace_id: string;
  status: 'running' | 'done' | 'failed';
  requested_by: string | null;
  window_days: number;
  questions: Default<number>;
  topics: Default<number>;
  error: Default<string | null>;
  started_at: Default<Date>;
  heartbeat_at: Default<Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A topic a run found (015_demand); JSON columns hold small lists. */
export interface DemandTopicTable {
  id: string;
  run_id: string;
  workspace_id: string;
  rank: number;
  title: string;
  keywords: Json<string[]>;
  questions: number;
  recent: number;
  previous: number;
  trend: Json<number[]>;
  representatives: Json<string[]>;
  phrasings: Json<string[]>;
  teams: Json<Array<{ teamId: string; count: number }>>;
  answers: Json<Array<{ text: string; count: number }>>;
  is_new: boolean;
  is_spike: boolean;
  covered_by: string | null;
  first_at: Timestamp;
  last_at: Timestamp;
}

/** A question phrasing taught to an FAQ entry from a topic (015_demand). */
export interface DemandLinkTable {
  workspace_id: string;
  phrasing: string;
  entry_id: string;
  created_at: Default<Date>;
}

/** How one intent or FAQ entry's answers fared in a run (015_demand). */
export interface DemandQualityTable {
  run_id: string;
  workspace_id: string;
  kind: 'entry' | 'flow' | 'intent';
  key: string;
  matched: number;
  handoffs: number;
  repeats: number;
  negatives: number;
  failures: number;
}

export interface Database {
  bot_definitions: BotDefinitionTable;
  bot_definition_heads: BotDefinitionHeadTable;
  workspaces: WorkspaceTable;
  users: UserTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  conversation_participants: ConversationParticipantTable;
  tickets: TicketTable;
  ticket_replies: TicketReplyTable;
  sessions: SessionTable;
  contacts: ContactTable;
  conversations: ConversationTable;
  messages: MessageTable;
  conversation_events: ConversationEventTable;
  knowledge_entries: KnowledgeEntryTable;
  knowledge_versions: KnowledgeVersionTable;
  attachments: AttachmentTable;
  server_secrets: ServerSecretTable;
  analytics_conversations: AnalyticsConversationTable;
  analytics_dirty_hours: AnalyticsDirtyHourTable;
  analytics_sweep: AnalyticsSweepTable;
  data_retention: DataRetentionTable;
  llm_settings: LlmSettingsTable;
  trained_models: TrainedModelTable;
  llm_usage: LlmUsageTable;
  llm_calls: LlmCallTable;
  documents: DocumentTable;
  document_chunks: DocumentChunkTable;
  canned_replies: CannedReplyTable;
  demand_runs: DemandRunTable;
  demand_topics: DemandTopicTable;
  demand_links: DemandLinkTable;
  demand_quality: DemandQualityTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type UserRow = Selectable<UserTable>;
export type TeamRow = Selectable<TeamTable>;
export type TicketRow = Selectable<TicketTable>;
export type TicketReplyRow = Selectable<TicketReplyTable>;
export type ContactRow = Selectable<ContactTable>;
export type ConversationRow = Selectable<ConversationTable>;
export type MessageRow = Selectable<MessageTable>;
export type NewMessageRow = Insertable<MessageTable>;
export type ConversationEventRow = Selectable<ConversationEventTable>;
export type KnowledgeEntryRow = Selectable<KnowledgeEntryTable>;
