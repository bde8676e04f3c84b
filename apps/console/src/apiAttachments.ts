import {
  ATTACHMENT_NAME_HEADER,
  type AttachmentView,
  attachmentUploadResponseSchema,
} from '@tandem/protocol';
import { request } from './api.ts';

/**
 * Uploads one file for the next message in a conversation (the server sniffs its type and checks its size);
 * the message then carries its id. Notes upload with `internal`, so their files never reach the customer.
 */
export async function uploadAttachment(
  conversationId: string,
  file: File,
  internal = false,
): Promise<AttachmentView> {
  const query = internal ? '?internal=true' : '';
  const path = `/api/conversations/${encodeURIComponent(conversationId)}/attachments${query}`;
  const body = {
    raw: file,
    headers: {
      'content-type': 'application/octet-stream',
      [ATTACHMENT_NAME_HEADER]: encodeURIComponent(file.name),
    },
  };
  return (await request('POST', path, attachmentUploadResponseSchema, body)).attachment;
}
