import type {
  Contact,
  Conversation,
  Message,
  Team,
  Ticket,
  TicketReply,
  User,
  Workspace,
} from '@tandem/domain';
import type {
  ContactRow,
  ConversationRow,
  MessageRow,
  TeamRow,
  TicketReplyRow,
  TicketRow,
  UserRow,
  WorkspaceRow,
} from '../schema.ts';

/** jsonb comes back parsed from both drivers; this guards against a driver handing back text. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export const toWorkspace = (row: WorkspaceRow): Workspace => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  settings: json(row.settings),
});

export const toUser = (row: UserRow): User => ({
  id: row.id,
  workspaceId: row.workspace_id,
  email: row.email,
  name: row.name,
  role: row.role,
  locale: row.locale,
  presence: row.presence,
  maxConcurrent: row.max_concurrent,
  skills: json(row.skills) ?? [],
  languages: json(row.languages) ?? ['zh', 'en'],
  presenceChangedAt: row.presence_changed_at,
  presenceAuto: row.presence_auto ?? false,
});

export const toTeam = (row: TeamRow, memberIds: string[]): Team => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  key: row.key,
  tier: row.tier,
  strategy: row.strategy,
  offerTimeoutSeconds: row.offer_timeout_seconds,
  offlineGraceSeconds: row.offline_grace_seconds,
  hours: (json(row.hours) ?? null) as Team['hours'],
  sla: (json(row.sla) ?? null) as Team['sla'],
  nudgeSeconds: row.nudge_seconds,
  requeueAfterNudgeSeconds: row.requeue_after_nudge_seconds,
  fallbackTeamId: row.fallback_team_id ?? null,
  memberIds,
});

export const toContact = (row: ContactRow): Contact => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  lang: row.lang,
  attributes: json(row.attributes),
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
});

export const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  workspaceId: row.workspace_id,
  contactId: row.contact_id,
  channel: row.channel as Conversation['channel'],
  status: row.status,
  assignee:
    row.status === 'bot'
      ? { kind: 'bot' }
      : row.status === 'assigned' && row.assignee_id
        ? { kind: 'user', id: row.assignee_id }
        : null,
  assigneeId: row.assignee_id,
  priority: row.priority,
  handoffReason: row.handoff_reason,
  botState: json(row.bot_state),
  emotion: (json(row.emotion) ?? null) as Conversation['emotion'],
  handoff: (json(row.handoff) ?? null) as Conversation['handoff'],
  tags: json(row.tags) ?? [],
  lastSeq: row.last_seq,
  customerSeq: row.customer_seq,
  botSeq: row.bot_seq,
  // (older rows read as JSON before the column existed have none)
  customerReadSeq: row.customer_read_seq ?? 0,
  queuedAt: row.queued_at,
  resolvedAt: row.resolved_at,
  teamId: row.team_id,
  offer:
    row.offered_to && row.offer_expires_at
      ? { userId: row.offered_to, expiresAt: row.offer_expires_at }
      : null,
  declinedBy: json(row.declined_by) ?? [],
  lastAgentId: row.last_agent_id,
  assignedAt: row.assigned_at,
  csat:
    row.csat_score !== null && row.csat_at
      ? { score: row.csat_score, comment: row.csat_comment, at: row.csat_at }
      : null,
  sla: {
    firstResponseDueAt: row.first_response_due_at ?? null,
    resolutionDueAt: row.resolution_due_at ?? null,
    firstResponseAt: row.first_response_at ?? null,
    flags: json(row.sla_flags) ?? [],
  },
  nudgedAt: row.nudged_at ?? null,
  disposition: json(row.disposition) ?? [],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  workspaceId: row.workspace_id,
  seq: row.seq,
  clientId: row.client_id,
  authorKind: row.author_kind,
  authorId: row.author_id,
  text: row.text,
  buttons: json(row.buttons),
  notice: json<Message['notice']>(row.notice) ?? null,
  meta: (json(row.meta) ?? null) as Message['meta'],
  internal: row.internal ?? false,
  createdAt: row.created_at,
});

export const toTicket = (row: TicketRow): Ticket => ({
  id: row.id,
  workspaceId: row.workspace_id,
  contactId: row.contact_id,
  conversationId: row.conversation_id,
  teamId: row.team_id,
  status: row.status,
  name: row.name,
  email: row.email,
  phone: row.phone,
  lang: row.lang,
  message: row.message,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toTicketReply = (row: TicketReplyRow): TicketReply => ({
  id: row.id,
  ticketId: row.ticket_id,
  authorId: row.author_id,
  text: row.text,
  emailState: row.email_state,
  createdAt: row.created_at,
});

/** A row read back as JSON (`row_to_json`): timestamps arrive as strings. */
const at = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));
const atOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : at(value));

export const conversationFromJson = (row: Record<string, unknown>): Conversation =>
  toConversation({
    ...(row as unknown as ConversationRow),
    queued_at: atOrNull(row.queued_at),
    resolved_at: atOrNull(row.resolved_at),
    offer_expires_at: atOrNull(row.offer_expires_at),
    assigned_at: atOrNull(row.assigned_at),
    csat_at: atOrNull(row.csat_at),
    first_response_due_at: atOrNull(row.first_response_due_at),
    resolution_due_at: atOrNull(row.resolution_due_at),
    first_response_at: atOrNull(row.first_response_at),
    nudged_at: atOrNull(row.nudged_at),
    declined_by: (row.declined_by ?? []) as string[],
    created_at: at(row.created_at),
    updated_at: at(row.updated_at),
  });

export const messageFromJson = (row: Record<string, unknown>): Message =>
  toMessage({ ...(row as unknown as MessageRow), created_at: at(row.created_at) });
