import {
  type AgentConversation,
  agentConversationSchema,
  botStatusSchema,
  conversationResponseSchema,
  type DefinitionKind,
  definitionListSchema,
  definitionSavedSchema,
  type ErrorCode,
  errorBodySchema,
  errorCodes,
  type HandoffPacket,
  handoffPacketSchema,
  identitySecretSchema,
  inboxResponseSchema,
  type KnowledgeEntryBody,
  knowledgeEntrySchema,
  knowledgeListSchema,
  type Me,
  type MessageView,
  meResponseSchema,
  messageResponseSchema,
  type Presence,
  type Teammate,
  type TeamView,
  type TicketView,
  type TransferTarget,
  teamListSchema,
  teamResponseSchema,
  ticketViewSchema,
} from '@tandem/protocol';
import { z } from 'zod';

/** What can go wrong talking to the server: its error codes plus the two the network adds. */
export type ClientErrorCode = ErrorCode | 'network' | 'timeout';

/** One problem of a rejected input: where (`answer.zh`, `rules.0.when.any.0.regex`) and what. */
export interface ProblemDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: ProblemDetail[];
  constructor(code: ClientErrorCode, message: string, details: ProblemDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export function detailsOf(error: unknown): ProblemDetail[] {
  return error instanceof ApiError ? error.details : [];
}

export function errorCodeOf(error: unknown): ClientErrorCode {
  return error instanceof ApiError ? error.code : 'internal';
}

export function isErrorCode(value: string): value is ErrorCode {
  return (errorCodes as readonly string[]).includes(value);
}

export interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { message: string } };
}

const requestTimeoutMs = 15_000;

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

/** A file's bytes sent as they are (uploads and imports), with the headers that describe them. */
export interface RawBody {
  raw: Blob;
  headers: Record<string, string>;
}

const isRaw = (body: unknown): body is RawBody =>
  typeof body === 'object' && body !== null && 'raw' in body && body.raw instanceof Blob;

/** One call to the API: JSON (or a raw file) in, a checked JSON answer out, errors as `ApiError`. */
export async function request<T>(
  method: string,
  path: string,
  parser: Parser<T>,
  body?: unknown,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), requestTimeoutMs);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : isRaw(body)
            ? { accept: 'application/json', ...body.headers }
            : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : isRaw(body) ? body.raw : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (error) {
    const aborted = error instanceof DOMException && error.name === 'AbortError';
    throw new ApiError(aborted ? 'timeout' : 'network', String(error));
  } finally {
    clearTimeout(timer);
  }
  const json: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(json);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      throw new ApiError(code, message, details ?? []);
    }
    throw new ApiError(codeForStatus(response.status), `HTTP ${response.status}`);
  }
  const parsed = parser.safeParse(json);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error.message);
    throw new ApiError('internal', `Unexpected response from ${method} ${path}`);
  }
  return parsed.data;
}

export const anything: Parser<unknown> = { safeParse: (data) => ({ success: true, data }) };
const conversationEnvelope = z.object({ conversation: agentConversationSchema });

/** How a staff message goes: an internal note (never to the customer) and the files it carries. */
export interface SendOptions {
  internal?: boolean;
  attachmentIds?: string[];
}

export type ApiView = 'queued' | 'mine' | 'assigned' | 'bot' | 'resolved' | 'all';
export type KnowledgeEntry = KnowledgeEntryBody;
export type DefinitionVersion = z.infer<typeof definitionListSchema>['definitions'][number];
export type DefinitionFormat = DefinitionVersion['format'];
export type DefinitionSaved = z.infer<typeof definitionSavedSchema>;
/** The workspace's bot after a change: training, live (every change up to `liveVersion`) or failed. */
export type BotStatus = z.infer<typeof botStatusSchema>;

/** A knowledge change answers with the bot's status: it is live once `liveVersion` reaches `bot.version`. */
const entryEnvelope = z.object({ entry: knowledgeEntrySchema, bot: botStatusSchema });
const removedEnvelope = z.object({ removed: z.string(), bot: botStatusSchema });
export type KnowledgeSaved = z.infer<typeof entryEnvelope>;
export type KnowledgeRemoved = z.infer<typeof removedEnvelope>;
/** `POST /api/conversations/:id/<command>`: a staff command answered with the conversation's new row. */
async function conversationCommand(
  id: string,
  command: 'accept' | 'resolve' | 'decline' | 'release' | 'handback' | 'transfer' | 'reopen',
  body: object = {},
): Promise<AgentConversation> {
  const path = `/api/conversations/${encodeURIComponent(id)}/${command}`;
  return (await request('POST', path, conversationEnvelope, body)).conversation;
}

const ticketEnvelope = z.object({ ticket: ticketViewSchema });
const ticketListEnvelope = z.object({ tickets: z.array(ticketViewSchema) });
const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

const adminBot = (kind: DefinitionKind, key?: string) =>
  `/api/admin/bot/${encodeURIComponent(kind)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;

export const api = {
  async login(email: string, password: string): Promise<Me> {
    return (await request('POST', '/api/auth/login', meResponseSchema, { email, password })).me;
  },
  async logout(): Promise<void> {
    await request('POST', '/api/auth/logout', anything, {});
  },
  async me(): Promise<Me> {
    return (await request('GET', '/api/auth/me', meResponseSchema)).me;
  },
  async conversations(view: ApiView, limit: number): Promise<AgentConversation[]> {
    const query = new URLSearchParams({ view, limit: String(limit) });
    return (await request('GET', `/api/conversations?${query}`, inboxResponseSchema)).conversations;
  },
  async conversation(id: string): Promise<{ conversation: AgentConversation; messages: MessageView[] }> {
    return request('GET', `/api/conversations/${encodeURIComponent(id)}`, conversationResponseSchema);
  },
  /** what the person taking over needs to know: summary, details, emotion, history; in the given language */
  async handoff(id: string, lang: 'zh' | 'en'): Promise<HandoffPacket> {
    const query = new URLSearchParams({ lang });
    return request(
      'GET',
      `/api/conversations/${encodeURIComponent(id)}/handoff?${query}`,
      handoffPacketSchema,
    );
  },
  async accept(id: string): Promise<AgentConversation> {
    return conversationCommand(id, 'accept');
  },
  async resolve(id: string, disposition: string[] = []): Promise<AgentConversation> {
    return conversationCommand(id, 'resolve', disposition.length > 0 ? { disposition } : {});
  },
  /** turn down the conversation offered to me: it goes to the next person */
  async decline(id: string): Promise<AgentConversation> {
    return conversationCommand(id, 'decline');
  },
  /** put an assigned conversation back in its queue */
  async release(id: string): Promise<AgentConversation> {
    return conversationCommand(id, 'release');
  },
  async handBack(id: string): Promise<AgentConversation> {
    return conversationCommand(id, 'handback');
  },
  /** take a resolved conversation up again: assigned to me */
  async reopen(id: string): Promise<AgentConversation> {
    return conversationCommand(id, 'reopen');
  },
  async transfer(id: string, to: TransferTarget, note?: string): Promise<AgentConversation> {
    return conversationCommand(id, 'transfer', note ? { to, note } : { to });
  },
  /** ask an expert to consult on my conversation (they see it and write notes or replies) */
  async inviteExpert(id: string, userId: string): Promise<AgentConversation> {
    const path = `/api/conversations/${encodeURIComponent(id)}/consultants`;
    return (await request('POST', path, conversationEnvelope, { userId })).conversation;
  },
  async send(
    conversationId: string,
    clientId: string,
    text: string,
    options: SendOptions = {},
  ): Promise<MessageView> {
    const path = `/api/conversations/${encodeURIComponent(conversationId)}/messages`;
    return (await request('POST', path, messageResponseSchema, { clientId, text, ...options })).message;
  },
  async setPresence(presence: Exclude<Presence, 'offline'>): Promise<Presence> {
    await request('PUT', '/api/presence', anything, { presence });
    return presence;
  },
  async team(): Promise<Teammate[]> {
    return (await request('GET', '/api/team', teamResponseSchema)).teammates;
  },
  /** teams (skill groups and the expert tier) with their members' presence and queue sizes */
  async teams(): Promise<TeamView[]> {
    return (await request('GET', '/api/teams', teamListSchema)).teams;
  },

  // ---- tickets: messages customers left when nobody could take them ----
  async tickets(status: TicketView['status'], limit = 100): Promise<TicketView[]> {
    const query = new URLSearchParams({ status, limit: String(limit) });
    return (await request('GET', `/api/tickets?${query}`, ticketListEnvelope)).tickets;
  },
  async ticket(id: string): Promise<TicketView> {
    return (await request('GET', ticketPath(id), ticketEnvelope)).ticket;
  },
  /** shown in the customer's widget; also e-mailed when `email` and they left an address */
  async replyTicket(id: string, text: string, email: boolean): Promise<TicketView> {
    return (await request('POST', `${ticketPath(id)}/replies`, ticketEnvelope, { text, email })).ticket;
  },
  async setTicketStatus(id: string, status: TicketView['status']): Promise<TicketView> {
    return (await request('PUT', ticketPath(id), ticketEnvelope, { status })).ticket;
  },

  // ---- administration (admins and supervisors) ----
  async knowledge(): Promise<KnowledgeEntry[]> {
    return (await request('GET', '/api/admin/knowledge', knowledgeListSchema)).entries;
  },
  async saveKnowledge(entry: KnowledgeEntry): Promise<KnowledgeSaved> {
    const path = `/api/admin/knowledge/${encodeURIComponent(entry.id)}`;
    return request('PUT', path, entryEnvelope, entry);
  },
  async removeKnowledge(id: string): Promise<KnowledgeRemoved> {
    const path = `/api/admin/knowledge/${encodeURIComponent(id)}`;
    return request('DELETE', path, removedEnvelope);
  },
  async botStatus(): Promise<BotStatus> {
    return request('GET', '/api/admin/bot/status', botStatusSchema);
  },
  async identitySecret(): Promise<string> {
    return (await request('GET', '/api/admin/identity', identitySecretSchema)).secret;
  },
  async rotateIdentitySecret(): Promise<string> {
    return (await request('POST', '/api/admin/identity/rotate', identitySecretSchema, {})).secret;
  },
  async definitions(kind: DefinitionKind): Promise<DefinitionVersion[]> {
    return (await request('GET', adminBot(kind), definitionListSchema)).definitions;
  },
  async definitionVersions(kind: DefinitionKind, key: string): Promise<DefinitionVersion[]> {
    return (await request('GET', `${adminBot(kind, key)}/versions`, definitionListSchema)).definitions;
  },
  async saveDefinition(
    kind: DefinitionKind,
    format: DefinitionFormat,
    source: string,
  ): Promise<DefinitionSaved> {
    return request('POST', adminBot(kind), definitionSavedSchema, { format, source });
  },
  /** `null` switches the definition off. */
  async activateDefinition(
    kind: DefinitionKind,
    key: string,
    version: number | null,
  ): Promise<DefinitionSaved> {
    return request('POST', `${adminBot(kind, key)}/activate`, definitionSavedSchema, { version });
  },
};
