import {
  type AgentConversation,
  agentConversationSchema,
  type InboxActivity,
  type MessageView,
} from '@tandem/protocol';
import { z } from 'zod';

/**
 * The inbox tabs. Each is a filter over one map of conversations, so a live update moves a row between tabs.
 * Queued: waiting for my teams (everyone's for supervisors). Team: my teams' conversations others serve.
 * All: every conversation a person serves (supervisors).
 */
export type InboxView = 'queued' | 'mine' | 'team' | 'all' | 'bot' | 'resolved';
export const inboxViews: readonly InboxView[] = ['queued', 'mine', 'team', 'all', 'bot', 'resolved'];

/** Who is looking: their teams narrow the queue and fill the Team tab; supervisors see every queue. */
export interface Viewer {
  id: string;
  teamIds?: ReadonlySet<string>;
  supervises?: boolean;
}

/** The tabs a viewer has (All is for supervisors). */
export function viewsFor(viewer: Viewer): InboxView[] {
  return inboxViews.filter((view) => view !== 'all' || viewer.supervises);
}

export interface InboxState {
  byId: Record<string, AgentConversation>;
  /** conversations that entered the queue live and nobody here has opened yet */
  highlighted: Record<string, true>;
  /** customer messages not yet seen here, by conversation */
  unread: Record<string, number>;
  /** the conversation in front of the agent: its messages are seen as they come */
  focusedId: string | null;
}

export type InboxAction =
  /**
   * A fresh snapshot from the server. Rows it lacks are dropped, except `keep`: the open conversation and
   * those live events touched while the snapshot was in flight (newer than it).
   */
  | { type: 'loaded'; conversations: AgentConversation[]; keep?: readonly string[] }
  /** one conversation from an event or a command's answer; `live` marks arrivals worth highlighting */
  | { type: 'upsert'; conversation: AgentConversation; live?: boolean }
  /** a message arrived: keep the row's preview current even before its `conversation:updated` */
  | { type: 'message'; message: MessageView }
  /** `inbox:activity`: messages moved rows (preview, emotion, time); rows not held are ignored */
  | { type: 'activity'; items: readonly InboxActivity[] }
  | { type: 'seen'; id: string }
  /** the conversation in front of the agent changed (null: none) */
  | { type: 'focus'; id: string | null };

export const emptyInbox: InboxState = { byId: {}, highlighted: {}, unread: {}, focusedId: null };

export function viewOf(conversation: AgentConversation, meId: string): InboxView | null {
  switch (conversation.status) {
    case 'queued':
      return 'queued';
    case 'bot':
      return 'bot';
    case 'assigned':
      return conversation.assignee?.id === meId ? 'mine' : null;
    case 'resolved':
    case 'closed':
      return 'resolved';
  }
}

function time(iso: string | null | undefined): number {
  if (!iso) return 0;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/** When the conversation last changed or last heard from someone. */
export function lastActivity(conversation: AgentConversation): number {
  return Math.max(time(conversation.updatedAt), time(conversation.lastMessage?.createdAt));
}

/** True when `incoming` is not older than `current` (events and fetches may arrive out of order). */
export function isNewer(incoming: AgentConversation, current: AgentConversation): boolean {
  const byUpdate = time(incoming.updatedAt) - time(current.updatedAt);
  if (byUpdate !== 0) return byUpdate > 0;
  return time(incoming.lastMessage?.createdAt) >= time(current.lastMessage?.createdAt);
}

/**
 * One `inbox:activity` item, checked like a whole row (`conversation:updated`): the row's fields it carries.
 * A payload is checked item by item, so one malformed item does not cost the others.
 */
const row = agentConversationSchema.shape;
export const inboxActivitySchema: z.ZodType<InboxActivity> = z.object({
  conversationId: row.id,
  status: row.status,
  lastMessage: row.lastMessage.unwrap(),
  emotion: row.emotion,
  updatedAt: row.updatedAt,
});

/** The well-formed items of an `inbox:activity` payload, and how many were not. */
export function parseActivity(payload: unknown): { items: InboxActivity[]; malformed: number } {
  const list =
    typeof payload === 'object' && payload !== null && 'items' in payload && Array.isArray(payload.items)
      ? (payload.items as unknown[])
      : null;
  if (!list) return { items: [], malformed: 1 };
  const items: InboxActivity[] = [];
  for (const item of list) {
    const parsed = inboxActivitySchema.safeParse(item);
    if (parsed.success) items.push(parsed.data);
  }
  return { items, malformed: list.length - items.length };
}

/**
 * A row moved by messages. An item whose message is older than the row's preview is stale (the row already
 * knows a later message) and changes nothing; otherwise the preview is its message, and emotion and time are
 * taken when they are not older than the row's (a whole row read after a change of state wins). The status
 * is left alone: only `conversation:updated` changes it.
 */
function applyActivity(current: AgentConversation, item: InboxActivity): AgentConversation {
  if (time(item.lastMessage.createdAt) < time(current.lastMessage?.createdAt)) return current;
  const later = time(item.updatedAt) >= time(current.updatedAt);
  const next = {
    ...current,
    lastMessage: item.lastMessage,
    ...(later ? { emotion: item.emotion, updatedAt: item.updatedAt } : {}),
  };
  return activityOf(next) === activityOf(current) ? current : next;
}

const activityOf = (row: AgentConversation) => JSON.stringify([row.lastMessage, row.emotion, row.updatedAt]);

function withoutKey(record: Record<string, true>, key: string): Record<string, true> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

function withoutCount(record: Record<string, number>, key: string): Record<string, number> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** One more unread message when a customer wrote in a conversation that is not in front of the agent. */
function countUnread(state: InboxState, id: string, authorKind: string): Record<string, number> {
  if (authorKind !== 'customer' || state.focusedId === id) return state.unread;
  return { ...state.unread, [id]: (state.unread[id] ?? 0) + 1 };
}

function upsert(state: InboxState, incoming: AgentConversation, live: boolean): InboxState {
  const current = state.byId[incoming.id];
  if (current && !isNewer(incoming, current)) return state;
  const justQueued = incoming.status === 'queued' && current?.status !== 'queued';
  const highlighted =
    incoming.status !== 'queued'
      ? withoutKey(state.highlighted, incoming.id)
      : live && justQueued
        ? { ...state.highlighted, [incoming.id]: true as const }
        : state.highlighted;
  return { ...state, byId: { ...state.byId, [incoming.id]: incoming }, highlighted };
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'loaded': {
      const byId: Record<string, AgentConversation> = {};
      for (const conversation of action.conversations) {
        const current = state.byId[conversation.id];
        byId[conversation.id] = current && !isNewer(conversation, current) ? current : conversation;
      }
      for (const id of action.keep ?? []) {
        const kept = state.byId[id];
        if (kept && !byId[id]) byId[id] = kept;
      }
      const highlighted: Record<string, true> = {};
      for (const id of Object.keys(state.highlighted)) {
        if (byId[id]?.status === 'queued') highlighted[id] = true;
      }
      return { ...state, byId, highlighted };
    }
    case 'upsert':
      return upsert(state, action.conversation, action.live ?? false);
    case 'message': {
      const { message } = action;
      const current = state.byId[message.conversationId];
      if (!current || message.author.kind === 'system') return state;
      if (current.lastMessage && time(current.lastMessage.createdAt) > time(message.createdAt)) return state;
      const lastMessage = {
        text: message.text,
        authorKind: message.author.kind,
        createdAt: message.createdAt,
      };
      const unread = countUnread(state, current.id, message.author.kind);
      // a person's reply (not a note) stops the first-response clock; the next deadline comes with the row
      const answered =
        message.author.kind === 'agent' && !message.internal && current.sla?.kind === 'first_response';
      const next = { ...current, lastMessage, ...(answered ? { sla: null } : {}) };
      return { ...state, unread, byId: { ...state.byId, [current.id]: next } };
    }
    case 'activity': {
      let byId = state.byId;
      let unread = state.unread;
      for (const item of action.items) {
        const current = byId[item.conversationId];
        if (!current) continue; // not in this inbox (yet): its `conversation:updated` brings the whole row
        const next = applyActivity(current, item);
        if (next === current) continue;
        byId = { ...byId, [current.id]: next };
        if (next.lastMessage !== current.lastMessage)
          unread = countUnread({ ...state, unread }, current.id, item.lastMessage.authorKind);
      }
      return byId === state.byId ? state : { ...state, byId, unread };
    }
    case 'seen': {
      const highlighted = withoutKey(state.highlighted, action.id);
      const unread = withoutCount(state.unread, action.id);
      return highlighted === state.highlighted && unread === state.unread
        ? state
        : { ...state, highlighted, unread };
    }
    case 'focus':
      return {
        ...state,
        focusedId: action.id,
        unread: action.id ? withoutCount(state.unread, action.id) : state.unread,
      };
  }
}

/** Queue order: higher priority first, then whoever has waited longest. */
function compareQueued(a: AgentConversation, b: AgentConversation): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const waitedA = time(a.queuedAt ?? a.createdAt);
  const waitedB = time(b.queuedAt ?? b.createdAt);
  return waitedA - waitedB || a.id.localeCompare(b.id);
}

/** Other tabs: most recent activity first. */
function compareRecent(a: AgentConversation, b: AgentConversation): number {
  return lastActivity(b) - lastActivity(a) || a.id.localeCompare(b.id);
}

function inView(conversation: AgentConversation, view: InboxView, viewer: Viewer): boolean {
  const teamId = conversation.team?.id;
  const mineTeam = teamId !== undefined && (viewer.teamIds?.has(teamId) ?? false);
  switch (view) {
    case 'queued':
      return (
        conversation.status === 'queued' &&
        (viewer.supervises || !viewer.teamIds || viewer.teamIds.size === 0 || !teamId || mineTeam)
      );
    case 'mine':
      return conversation.status === 'assigned' && conversation.assignee?.id === viewer.id;
    case 'team':
      return conversation.status === 'assigned' && conversation.assignee?.id !== viewer.id && mineTeam;
    case 'all':
      return conversation.status === 'assigned' && Boolean(viewer.supervises);
    case 'bot':
      return conversation.status === 'bot';
    case 'resolved':
      return conversation.status === 'resolved' || conversation.status === 'closed';
  }
}

const viewerOf = (meId: string, viewer?: Viewer): Viewer => viewer ?? { id: meId };

export function selectView(
  state: InboxState,
  view: InboxView,
  meId: string,
  viewer?: Viewer,
): AgentConversation[] {
  const who = viewerOf(meId, viewer);
  const rows = Object.values(state.byId).filter((conversation) => inView(conversation, view, who));
  return rows.sort(view === 'queued' ? compareQueued : compareRecent);
}

export function countByView(state: InboxState, meId: string, viewer?: Viewer): Record<InboxView, number> {
  const who = viewerOf(meId, viewer);
  const counts: Record<InboxView, number> = { queued: 0, mine: 0, team: 0, all: 0, bot: 0, resolved: 0 };
  for (const conversation of Object.values(state.byId)) {
    for (const view of inboxViews) if (inView(conversation, view, who)) counts[view] += 1;
  }
  return counts;
}

/** Unread customer messages in my conversations: the number on the Mine tab. */
export function unreadMine(state: InboxState, meId: string): number {
  let total = 0;
  for (const [id, count] of Object.entries(state.unread)) {
    const conversation = state.byId[id];
    if (conversation?.status === 'assigned' && conversation.assignee?.id === meId) total += count;
  }
  return total;
}
