import { notFound } from '../errors.ts';
import type { Store } from '../ports.ts';
import type { Conversation } from '../records.ts';

/** Loads a conversation of a workspace; a conversation of another workspace is reported as not found. */
export async function loadConversation(store: Store, workspaceId: string, id: string): Promise<Conversation> {
  const conversation = await store.conversations.findById(id);
  if (!conversation || conversation.workspaceId !== workspaceId) throw notFound('conversation', id);
  return conversation;
}
