import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

export type DocumentFormat = 'markdown' | 'html' | 'text' | 'pdf' | 'docx';

/** A document of the knowledge, without its text. */
export interface DocumentRecord {
  id: string;
  workspaceId: string;
  title: string;
  source: 'upload' | 'url';
  url: string | null;
  format: DocumentFormat;
  size: number;
  sha256: string;
  chunkCount: number;
  embedded: boolean;
  /** the model of the chunks' embeddings (null: none) */
  embeddingModel: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentChunkRecord {
  documentId: string;
  position: number;
  heading: string;
  text: string;
  embedding: number[] | null;
}

/** What saving a document writes: the document, its extracted text and every chunk of it. */
export interface DocumentWrite {
  id: string;
  title: string;
  source: 'upload' | 'url';
  url: string | null;
  format: DocumentFormat;
  size: number;
  sha256: string;
  content: string;
  chunks: Array<{ heading: string; text: string; embedding: number[] | null }>;
  /** the model the chunk embeddings come from (null when there are none) */
  embeddingModel: string | null;
}

const described = [
  'id',
  'workspace_id',
  'title',
  'source',
  'url',
  'format',
  'size',
  'sha256',
  'chunk_count',
  'embedded',
  'embedding_model',
  'created_at',
  'updated_at',
] as const;

type DescribedRow = {
  id: string;
  workspace_id: string;
  title: string;
  source: 'upload' | 'url';
  url: string | null;
  format: DocumentFormat;
  size: number;
  sha256: string;
  chunk_count: number;
  embedded: boolean;
  embedding_model: string | null;
  created_at: Date;
  updated_at: Date;
};

const toRecord = (r: DescribedRow): DocumentRecord => ({
  id: r.id,
  workspaceId: r.workspace_id,
  title: r.title,
  source: r.source,
  url: r.url,
  format: r.format,
  size: r.size,
  sha256: r.sha256,
  chunkCount: r.chunk_count,
  embedded: r.embedded,
  embeddingModel: r.embedding_model,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Documents and their chunks; a save replaces every chunk of the document in one transaction. */
export function documentRepository(db: Db) {
  return {
    async list(workspaceId: string): Promise<DocumentRecord[]> {
      const rows = await db
        .selectFrom('documents')
        .select(described)
        .where('workspace_id', '=', workspaceId)
        .orderBy('updated_at', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async find(workspaceId: string, id: string): Promise<(DocumentRecord & { content: string }) | null> {
      const row = await db
        .selectFrom('documents')
        .select([...described, 'content'])
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { ...toRecord(row), content: row.content } : null;
    },

    /** Creates or replaces a document (same id) with all its chunks, atomically. */
    async save(workspaceId: string, write: DocumentWrite): Promise<DocumentRecord> {
      return db.transaction().execute(async (trx) => {
        const embedded = write.chunks.length > 0 && write.chunks.every((c) => c.embedding !== null);
        const values = {
          title: write.title,
          source: write.source,
          url: write.url,
          format: write.format,
          size: write.size,
          sha256: write.sha256,
          content: write.content,
          chunk_count: write.chunks.length,
          embedded,
          embedding_model: embedded ? write.embeddingModel : null,
          updated_at: new Date(),
        };
        const row = await trx
          .insertInto('documents')
          .values({ id: write.id, workspace_id: workspaceId, ...values })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet(values).where('documents.workspace_id', '=', workspaceId),
          )
          .returning(described)
          .executeTakeFirstOrThrow();
        await trx.deleteFrom('document_chunks').where('document_id', '=', write.id).execute();
        for (let start = 0; start < write.chunks.length; start += 200) {
          await trx
            .insertInto('document_chunks')
            .values(
              write.chunks.slice(start, start + 200).map((c, i) => ({
                document_id: write.id,
                position: start + i,
                workspace_id: workspaceId,
                heading: c.heading,
                text: c.text,
                embedding: c.embedding ? JSON.stringify(c.embedding) : null,
              })),
            )
            .execute();
        }
        return toRecord(row);
      });
    },

    /** Sets the embeddings of a document's chunks (by position), computed with `model`. */
    async setEmbeddings(
      documentId: string,
      embeddings: Array<number[] | null>,
      model: string,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (const [position, embedding] of embeddings.entries()) {
          await trx
            .updateTable('document_chunks')
            .set({ embedding: embedding ? JSON.stringify(embedding) : null })
            .where('document_id', '=', documentId)
            .where('position', '=', position)
            .execute();
        }
        await trx
          .updateTable('documents')
          .set({
            embedded: embeddings.every((e) => e !== null),
            embedding_model: model,
            updated_at: new Date(),
          })
          .where('id', '=', documentId)
          .execute();
      });
    },

    /** Deletes a document; its chunks go with it (cascade). False when there was none. */
    async remove(workspaceId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('documents')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** Changes whenever a document is saved or deleted: the key of the in-memory retrieval index. */
    async revision(workspaceId: string): Promise<string> {
      const row = await db
        .selectFrom('documents')
        .select([sql<string>`count(*)::text`.as('n'), sql<string | null>`max(updated_at)::text`.as('at')])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      return `${row?.n ?? 0}:${row?.at ?? ''}`;
    },

    /** Every chunk of the workspace with its document's title and URL, for the retrieval index. */
    async chunks(
      workspaceId: string,
    ): Promise<
      Array<DocumentChunkRecord & { title: string; url: string | null; embeddingModel: string | null }>
    > {
      const rows = await db
        .selectFrom('document_chunks')
        .innerJoin('documents', 'documents.id', 'document_chunks.document_id')
        .select([
          'document_chunks.document_id',
          'document_chunks.position',
          'document_chunks.heading',
          'document_chunks.text',
          'document_chunks.embedding',
          'documents.title',
          'documents.url',
          'documents.embedding_model',
        ])
        .where('document_chunks.workspace_id', '=', workspaceId)
        .orderBy('document_chunks.document_id')
        .orderBy('document_chunks.position')
        .execute();
      return rows.map((r) => ({
        documentId: r.document_id,
        position: r.position,
        heading: r.heading,
        text: r.text,
        embedding: r.embedding === null ? null : json<number[]>(r.embedding),
        title: r.title,
        url: r.url,
        embeddingModel: r.embedding_model,
      }));
    },

    /** How many chunks of the workspace's documents exist (a delete must leave none of its own). */
    async chunkCount(workspaceId: string, documentId?: string): Promise<number> {
      let query = db
        .selectFrom('document_chunks')
        .select(sql<string>`count(*)::text`.as('n'))
        .where('workspace_id', '=', workspaceId);
      if (documentId) query = query.where('document_id', '=', documentId);
      const row = await query.executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
export type DocumentRepository = ReturnType<typeof documentRepository>;
