import {
  type AssistResponse,
  assistResponseSchema,
  type CannedReplyBody,
  type CannedReplyView,
  type ConversationSearchResponse,
  cannedReplyListResponseSchema,
  cannedReplyResponseSchema,
  conversationSearchResponseSchema,
  type ReplyVariable,
  replyVariablesResponseSchema,
} from '@tandem/protocol';
import { anything, request } from './api.ts';

const conversationPath = (id: string, rest: string) => `/api/conversations/${encodeURIComponent(id)}/${rest}`;
const cannedPath = (id?: string) => `/api/canned-replies${id ? `/${encodeURIComponent(id)}` : ''}`;

export interface SearchFilters {
  q?: string;
  customer?: string;
  tag?: string;
  from?: string;
  to?: string;
  agentId?: string;
  status?: string;
  cursor?: string;
}

/** The agent workspace's calls beyond the message path: canned replies, variables, assist, search. */
export const workspaceApi = {
  async cannedReplies(view: 'usable' | 'editable' = 'usable'): Promise<CannedReplyView[]> {
    const query = new URLSearchParams({ view });
    return (await request('GET', `${cannedPath()}?${query}`, cannedReplyListResponseSchema)).replies;
  },
  async createCannedReply(body: CannedReplyBody): Promise<CannedReplyView> {
    return (await request('POST', cannedPath(), cannedReplyResponseSchema, body)).reply;
  },
  async updateCannedReply(id: string, body: CannedReplyBody): Promise<CannedReplyView> {
    return (await request('PUT', cannedPath(id), cannedReplyResponseSchema, body)).reply;
  },
  async removeCannedReply(id: string): Promise<void> {
    await request('DELETE', cannedPath(id), anything);
  },
  async replyVariables(conversationId: string): Promise<ReplyVariable[]> {
    return (
      await request('GET', conversationPath(conversationId, 'reply-variables'), replyVariablesResponseSchema)
    ).variables;
  },
  async assist(conversationId: string): Promise<AssistResponse> {
    return request('GET', conversationPath(conversationId, 'assist'), assistResponseSchema);
  },
  async search(filters: SearchFilters, limit = 20): Promise<ConversationSearchResponse> {
    const query = new URLSearchParams({ limit: String(limit) });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    return request('GET', `/api/conversations/search?${query}`, conversationSearchResponseSchema);
  },
};
