import type { Message, Store } from '@tandem/domain';
import {
  answerSourceSchema,
  type MessageEmotion,
  type MessageView,
  messageEmotionSchema,
} from '@tandem/protocol';
import type { AttachmentUrls } from '../services/attachmentUrls.ts';

export type Audience = 'customer' | 'staff';

function emotionOf(message: Message): MessageEmotion | null {
  const parsed = messageEmotionSchema.safeParse(message.meta?.emotion);
  return parsed.success ? parsed.data : null;
}

/**
 * The one way a message leaves the server. Customers never see what the bot read from their messages
 * (emotion, intent); staff see the emotion of customer messages. Attachments get download links signed now
 * (`urls`), so a view handed out later still carries working links.
 */
export function presentMessage(
  message: Message,
  names: ReadonlyMap<string, string>,
  audience: Audience,
  urls: AttachmentUrls,
): MessageView {
  const view: MessageView = {
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
  if (audience === 'staff' && message.authorKind === 'customer') view.emotion = emotionOf(message);
  if (audience === 'staff' && message.internal) view.internal = true;
  // staff tell an expert's or a supervisor's words from an agent's by who wrote them
  if (audience === 'staff' && message.authorKind === 'agent' && message.authorId)
    view.author.id = message.authorId;
  if (message.attachments?.length) view.attachments = message.attachments.map(urls.view);
  // a bot answer from documents shows its sources (and replaces the answer streamed before it)
  if (message.authorKind === 'bot') {
    const sources = answerSourceSchema.array().max(10).safeParse(message.meta?.sources);
    if (sources.success && sources.data.length > 0) view.sources = sources.data;
    if (typeof message.meta?.streamId === 'string') view.streamId = message.meta.streamId;
  }
  return view;
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
  audience: Audience,
  urls: AttachmentUrls,
): Promise<MessageView[]> {
  // internal notes never leave for a customer
  const visible = audience === 'customer' ? messages.filter((m) => !m.internal) : messages;
  const names = visible.some((m) => m.authorKind === 'agent')
    ? await staffNames(store, workspaceId)
    : new Map();
  // a transcript read from storage: its attachments in one read (customers and staff write them)
  const reading = visible.filter(
    (m) => !m.attachments && (m.authorKind === 'customer' || m.authorKind === 'agent'),
  );
  const attachments = reading.length > 0 ? await store.attachments.listForMessages(reading) : null;
  return visible.map((m) => {
    const found = attachments?.get(m.id);
    return presentMessage(found ? { ...m, attachments: found } : m, names, audience, urls);
  });
}
