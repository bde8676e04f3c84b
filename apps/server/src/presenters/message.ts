import type { Message, Store } from '@tandem/domain';
import type { MessageView } from '@tandem/protocol';

/** The one way a message leaves the server. Customers and staff see the same fields today. */
export function presentMessage(message: Message, names: ReadonlyMap<string, string>): MessageView {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    clientId: message.clientId,
    author: {
      kind: message.authorKind,
      name: message.authorKind === 'agent' && message.authorId ? (names.get(message.authorId) ?? null) : null,
    },
    text: message.text,
    buttons: message.buttons,
    notice: message.notice,
    createdAt: message.createdAt.toISOString(),
  };
}

/** Display names of a workspace's staff, for message authors. */
export async function staffNames(store: Store, workspaceId: string): Promise<Map<string, string>> {
  const users = await store.users.listByWorkspace(workspaceId);
  return new Map(users.map((u) => [u.id, u.name]));
}

export async function presentMessages(
  store: Store,
  workspaceId: string,
  messages: Message[],
): Promise<MessageView[]> {
  const names = messages.some((m) => m.authorKind === 'agent')
    ? await staffNames(store, workspaceId)
    : new Map();
  return messages.map((m) => presentMessage(m, names));
}
