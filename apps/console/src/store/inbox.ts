import {
  type AgentConversation,
  agentConversationSchema,
  type InboxActivity,
  type MessageView,
} from '@tandem/protocol';
import { z } from 'zod';

/** The inbox tabs. Each is a filter over one map of conversations, so a live update moves a row between tabs. */
export type InboxView = 'queued' | 'mine' | 'bot' | 'resolved';
export const inboxViews: readonly InboxView[] = ['queued', 'mine', 'bot', 'resolved'];

export interface InboxState {
  byId: Record<string, AgentConversation>;
  /** conversations that entered the queue live and nobody here has opened yet */
  highlighted: Record<string, true>;
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
  | { type: 'seen'; id: string };

export const emptyInbox: InboxState = { byId: {}, highlighted: {} };

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
  return { byId: { ...state.byId, [incoming.id]: incoming }, highlighted };
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
      return { byId, highlighted };
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
      return { ...state, byId: { ...state.byId, [current.id]: { ...current, lastMessage } } };
    }
    case 'activity': {
      let byId = state.byId;
      for (const item of action.items) {
        const current = byId[item.conversationId];
        if (!current) continue; // not in this inbox (yet): its `conversation:updated` brings the whole row
        const next = applyActivity(current, item);
        if (next !== current) byId = { ...byId, [current.id]: next };
      }
      return byId === state.byId ? state : { ...state, byId };
    }
    case 'seen': {
      const highlighted = withoutKey(state.highlighted, action.id);
      return highlighted === state.highlighted ? state : { ...state, highlighted };
    }
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

export function selectView(state: InboxState, view: InboxView, meId: string): AgentConversation[] {
  const rows = Object.values(state.byId).filter((conversation) => viewOf(conversation, meId) === view);
  return rows.sort(view === 'queued' ? compareQueued : compareRecent);
}

export function countByView(state: InboxState, meId: string): Record<InboxView, number> {
  const counts: Record<InboxView, number> = { queued: 0, mine: 0, bot: 0, resolved: 0 };
  for (const conversation of Object.values(state.byId)) {
    const view = viewOf(conversation, meId);
    if (view) counts[view] += 1;
  }
  return counts;
}
