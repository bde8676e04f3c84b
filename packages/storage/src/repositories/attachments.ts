import { randomBytes, randomUUID } from 'node:crypto';
import type { Attachment, AttachmentRepository, MessageAttachment, Uploader } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { AttachmentTable } from '../schema.ts';

/** What clients may know of an attachment: never its bytes. */
const described = ['id', 'name', 'mime', 'size'] as const;

type Row = Omit<AttachmentTable, 'data' | 'position' | 'created_at'> & { created_at: Date };

const toAttachment = (row: Row): Attachment => ({
  id: row.id,
  workspaceId: row.workspace_id,
  conversationId: row.conversation_id,
  messageId: row.message_id,
  uploader: { kind: row.uploader_kind, id: row.uploader_id },
  name: row.name,
  mime: row.mime,
  size: Number(row.size),
  sha256: row.sha256,
  createdAt: new Date(row.created_at),
});

const describe = (row: Pick<AttachmentTable, 'id' | 'name' | 'mime' | 'size'>): MessageAttachment => ({
  id: row.id,
  name: row.name,
  mime: row.mime,
  size: Number(row.size),
});

/** A stored attachment with its bytes, for a download. */
export interface StoredFile extends MessageAttachment {
  workspaceId: string;
  data: Uint8Array;
}

/** Uploads (images, PDFs) with their bytes, and the server's signing keys. */
export function attachmentRepository(db: Db): AttachmentRepository & {
  /** the bytes and what a download needs; null when there is no such attachment */
  findFile(id: string): Promise<StoredFile | null>;
  /** a server secret by name, made (32 random bytes, base64url) the first time any process asks */
  serverSecret(name: string): Promise<string>;
} {
  return {
    async create(input) {
      const row = await db
        .insertInto('attachments')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          conversation_id: input.conversationId,
          uploader_kind: input.uploader.kind,
          uploader_id: input.uploader.id,
          name: input.name,
          mime: input.mime,
          size: input.size,
          sha256: input.sha256,
          data: input.data,
        })
        .returning([
          'id',
          'workspace_id',
          'conversation_id',
          'message_id',
          'uploader_kind',
          'uploader_id',
          'name',
          'mime',
          'size',
          'sha256',
          'created_at',
        ])
        .executeTakeFirstOrThrow();
      return toAttachment(row);
    },

    async countUnsent(uploader: Uploader, since: Date) {
      const row = await db
        .selectFrom('attachments')
        .select((eb) => eb.fn.countAll<string | number>().as('count'))
        .where('uploader_kind', '=', uploader.kind)
        .where('uploader_id', '=', uploader.id)
        .where('message_id', 'is', null)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async deleteUnsentBefore(before: Date) {
      const result = await db
        .deleteFrom('attachments')
        .where('message_id', 'is', null)
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows ?? 0);
    },

    async link({ ids, workspaceId, conversationId, messageId, uploader }) {
      if (ids.length === 0) return [];
      // one statement: only the uploader's unsent ones of this workspace, and of this conversation (a
      // customer's upload has none until sent); each keeps its place in the list
      const position = sql<number>`case ${sql.join(
        ids.map((id, index) => sql`when id = ${id} then ${sql.lit(index)}`),
        sql` `,
      )} end`;
      const rows = await db
        .updateTable('attachments')
        .set({ message_id: messageId, conversation_id: conversationId, position })
        .where('id', 'in', ids)
        .where('workspace_id', '=', workspaceId)
        .where('uploader_kind', '=', uploader.kind)
        .where('uploader_id', '=', uploader.id)
        .where('message_id', 'is', null)
        .where((eb) =>
          uploader.kind === 'customer'
            ? eb.or([eb('conversation_id', 'is', null), eb('conversation_id', '=', conversationId)])
            : eb('conversation_id', '=', conversationId),
        )
        .returning([...described, 'position'])
        .execute();
      return rows.sort((a, b) => Number(a.position) - Number(b.position)).map(describe);
    },

    async listForMessages(messages) {
      const byMessage = new Map<string, MessageAttachment[]>();
      if (messages.length === 0) return byMessage;
      const wanted = new Set(messages.map((m) => m.id));
      const conversations = [...new Set(messages.map((m) => m.conversationId))];
      const rows = await db
        .selectFrom('attachments')
        .select([...described, 'message_id'])
        .where('conversation_id', 'in', conversations)
        .where('message_id', 'is not', null)
        .orderBy('message_id')
        .orderBy('position')
        .execute();
      for (const row of rows) {
        const messageId = row.message_id as string;
        if (!wanted.has(messageId)) continue;
        const list = byMessage.get(messageId);
        if (list) list.push(describe(row));
        else byMessage.set(messageId, [describe(row)]);
      }
      return byMessage;
    },

    async findFile(id) {
      const row = await db
        .selectFrom('attachments')
        .select([...described, 'workspace_id', 'data'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      return { ...describe(row), workspaceId: row.workspace_id, data: row.data };
    },

    async serverSecret(name) {
      // the first process to ask makes it; a race leaves the one stored first
      await db
        .insertInto('server_secrets')
        .values({ name, secret: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('server_secrets')
        .select('secret')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return row.secret;
    },
  };
}
