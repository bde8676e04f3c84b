import type { AttachmentMime } from '@tandem/protocol';
import { DomainError } from '../errors.ts';
import type { Deps } from '../events.ts';
import type { Store } from '../ports.ts';
import type { Actor, Attachment, Contact, Message, MessageAttachment, Uploader } from '../records.ts';
import { loadConversation } from './loadConversation.ts';
import { assertMayPost } from './mayPost.ts';

/** How long an upload may wait unsent; older ones are abandoned (and deleted by the server's sweep). */
export const UNSENT_ATTACHMENT_TTL_MS = 24 * 60 * 60 * 1000;
/** Uploads one sender may have waiting unsent at once (within the TTL): more is `rate_limited`. */
export const MAX_UNSENT_ATTACHMENTS = 20;

export interface AddAttachmentInput {
  /** a customer (their own, until they send it), or staff uploading to a conversation they may write in */
  by:
    | { kind: 'customer'; contact: Contact }
    | {
        kind: 'staff';
        workspaceId: string;
        agent: Extract<Actor, { kind: 'agent' }>;
        conversationId: string;
        /** for an internal note: anyone who sees the conversation may (as for the note itself) */
        internal?: boolean;
      };
  /** sanitised by the edge */
  name: string;
  /** sniffed from the content by the edge, never the client's word */
  mime: AttachmentMime;
  sha256: string;
  data: Uint8Array;
}

/**
 * Stores an upload, not sent yet. Staff: only who may write in the conversation (the same rule as posting a
 * message; for an internal note, anyone who sees it). A sender with many unsent uploads is refused.
 */
export async function addAttachment(deps: Deps, input: AddAttachmentInput): Promise<Attachment> {
  const { by } = input;
  let uploader: Uploader;
  let workspaceId: string;
  let conversationId: string | null = null;
  if (by.kind === 'staff') {
    const conversation = await loadConversation(deps.store, by.workspaceId, by.conversationId);
    await assertMayPost(deps.store, conversation, by.agent.user.id, by.internal ?? false);
    uploader = { kind: 'staff', id: by.agent.user.id };
    workspaceId = conversation.workspaceId;
    conversationId = conversation.id;
  } else {
    uploader = { kind: 'customer', id: by.contact.id };
    workspaceId = by.contact.workspaceId;
  }
  const since = new Date(Date.now() - UNSENT_ATTACHMENT_TTL_MS);
  if ((await deps.store.attachments.countUnsent(uploader, since)) >= MAX_UNSENT_ATTACHMENTS) {
    throw new DomainError(
      'rate_limited',
      'too many attachments waiting to be sent; send or discard some first',
    );
  }
  return deps.store.attachments.create({
    workspaceId,
    conversationId,
    uploader,
    name: input.name,
    mime: input.mime,
    size: input.data.byteLength,
    sha256: input.sha256,
    data: input.data,
  });
}

/**
 * Inside the message's transaction: links the sender's attachments to the message. Every id must be an
 * unsent upload of this sender, in this workspace and conversation (a customer's has none until sent);
 * otherwise nothing is stored (the transaction rolls back) and the sender is told `not_found`.
 */
export async function linkAttachments(
  tx: Store,
  input: {
    ids: readonly string[];
    workspaceId: string;
    conversationId: string;
    messageId: string;
    uploader: Uploader;
  },
): Promise<MessageAttachment[]> {
  if (input.ids.length === 0) return [];
  const linked = await tx.attachments.link({ ...input, ids: [...input.ids] });
  if (linked.length !== input.ids.length) {
    throw new DomainError(
      'not_found',
      'an attachment was not found: it is not yours, was sent already, or belongs elsewhere; upload it again',
    );
  }
  return linked;
}

/** The attachments of a stored message read back (a retry of a message already sent). */
export async function attachmentsOf(store: Store, message: Message): Promise<MessageAttachment[]> {
  return (await store.attachments.listForMessages([message])).get(message.id) ?? [];
}
