import { createHash, randomUUID } from 'node:crypto';
import { DomainError, type User } from '@tandem/domain';
import { chunkSections } from '@tandem/engine';
import { DOCUMENT_MAX_BYTES, type DocumentView, type documentUploadQuerySchema } from '@tandem/protocol';
import type { DocumentRecord } from '@tandem/storage';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { activeProvider, embedTexts } from '../llm/gateway.ts';
import { llmOf } from '../llm/service.ts';
import { assertMayEditKnowledge } from '../services/knowledge.ts';
import { fetchDocumentUrl } from './fetchUrl.ts';
import { parseDocument } from './parse.ts';
import { retrievePassages } from './retrieve.ts';

export const presentDocument = (d: DocumentRecord): DocumentView => ({
  id: d.id,
  title: d.title,
  source: d.source,
  url: d.url,
  format: d.format,
  size: d.size,
  chunkCount: d.chunkCount,
  embedded: d.embedded,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});

const FETCH_TIMEOUT_MS = 15_000;

const titleFrom = (name: string) =>
  name
    .replace(/^.*[\\/]/, '')
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .slice(0, 200) || name.slice(0, 200);

/** The text a chunk is embedded and indexed as: its heading path, then its text. */
const chunkText = (c: { heading: string; text: string }) => (c.heading ? `${c.heading}\n${c.text}` : c.text);

/**
 * Reads, chunks and (when the provider has embeddings) embeds a document, then stores it with all its chunks
 * in one transaction, replacing an earlier version of the same id: the next search uses the new chunks.
 * Embeddings are best effort: without them the document is still found by the lexical index.
 */
async function ingest(
  ctx: AppContext,
  workspaceId: string,
  input: {
    id: string;
    bytes: Buffer;
    name: string;
    contentType?: string;
    title?: string;
    source: 'upload' | 'url';
    url: string | null;
  },
): Promise<DocumentRecord> {
  const parsed = await parseDocument(input.bytes, input.name, input.contentType);
  const chunks = chunkSections(parsed.sections);
  const provider = await activeProvider(ctx, workspaceId);
  const vectors = provider ? await embedTexts(ctx, provider, 'document', chunks.map(chunkText)) : null;
  return llmOf(ctx).documents.save(workspaceId, {
    id: input.id,
    title: (input.title ?? parsed.title ?? titleFrom(input.name)).slice(0, 200),
    source: input.source,
    url: input.url,
    format: parsed.format,
    size: input.bytes.length,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    content: parsed.sections
      .map((s) => (s.headings.length ? `${s.headings.join(' › ')}\n${s.text}` : s.text))
      .join('\n\n'),
    chunks: chunks.map((c, i) => ({ heading: c.heading, text: c.text, embedding: vectors?.[i] ?? null })),
    embeddingModel: vectors ? (provider?.settings.embeddingModel ?? null) : null,
  });
}

async function existing(ctx: AppContext, workspaceId: string, id: string) {
  const found = await llmOf(ctx).documents.find(workspaceId, id);
  if (!found) throw new DomainError('not_found', 'no such document in this workspace');
  return found;
}

export async function listDocuments(ctx: AppContext, user: User) {
  return { documents: (await llmOf(ctx).documents.list(user.workspaceId)).map(presentDocument) };
}

/** A file uploaded by staff; `replace` re-indexes an existing document with the new file. */
export async function uploadDocument(
  ctx: AppContext,
  user: User,
  body: unknown,
  query: z.output<typeof documentUploadQuerySchema>,
) {
  assertMayEditKnowledge(user);
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new DomainError('bad_request', 'send the file as the body');
  if (body.length > DOCUMENT_MAX_BYTES) throw new DomainError('payload_too_large', 'the file is too large');
  const id = query.replace ? (await existing(ctx, user.workspaceId, query.replace)).id : randomUUID();
  const saved = await ingest(ctx, user.workspaceId, {
    id,
    bytes: body,
    name: query.name,
    ...(query.title ? { title: query.title } : {}),
    source: 'upload',
    url: null,
  });
  return { document: presentDocument(saved) };
}

async function fetchAndIngest(ctx: AppContext, workspaceId: string, id: string, url: string, title?: string) {
  const fetched = await fetchDocumentUrl(url, {
    allowPrivate: ctx.config.documentFetchAllowPrivate ?? false,
    maxBytes: DOCUMENT_MAX_BYTES,
    timeoutMs: FETCH_TIMEOUT_MS,
  });
  const name = new URL(fetched.url).pathname.split('/').pop() || 'page.html';
  return ingest(ctx, workspaceId, {
    id,
    bytes: fetched.bytes,
    name,
    contentType: fetched.contentType,
    ...(title ? { title } : {}),
    source: 'url',
    url,
  });
}

/** A document fetched from a URL (public addresses only unless the server allows private ones). */
export async function addDocumentFromUrl(
  ctx: AppContext,
  user: User,
  body: { url: string; title?: string | undefined },
) {
  assertMayEditKnowledge(user);
  const saved = await fetchAndIngest(ctx, user.workspaceId, randomUUID(), body.url, body.title);
  return { document: presentDocument(saved) };
}

/** Fetches a URL document again and re-indexes it (also when unchanged: embeddings may have been added since). */
export async function refreshDocument(ctx: AppContext, user: User, id: string) {
  assertMayEditKnowledge(user);
  const doc = await existing(ctx, user.workspaceId, id);
  if (doc.source !== 'url' || !doc.url) {
    throw new DomainError(
      'bad_request',
      'only a document fetched from a URL can be fetched again; upload the new file instead',
    );
  }
  const saved = await fetchAndIngest(ctx, user.workspaceId, doc.id, doc.url, doc.title);
  return { document: presentDocument(saved) };
}

/** Deletes a document and everything derived from it (chunks, embeddings; the index rebuilds without it). */
export async function removeDocument(ctx: AppContext, user: User, id: string) {
  assertMayEditKnowledge(user);
  if (!(await llmOf(ctx).documents.remove(user.workspaceId, id)))
    throw new DomainError('not_found', 'no such document in this workspace');
  return { removed: true as const };
}

export async function documentChunks(ctx: AppContext, user: User, id: string) {
  await existing(ctx, user.workspaceId, id);
  const chunks = (await llmOf(ctx).documents.chunks(user.workspaceId)).filter((c) => c.documentId === id);
  return { chunks: chunks.map((c) => ({ position: c.position, heading: c.heading, text: c.text })) };
}

/** What the documents say about a question, as the bot would find it (staff: to check the index). */
export async function searchDocuments(ctx: AppContext, user: User, q: string) {
  const provider = await activeProvider(ctx, user.workspaceId);
  const found = await retrievePassages(ctx, user.workspaceId, q, { limit: 5, provider });
  return {
    mode: found.mode,
    passages: found.passages.map(({ coverage: _c, similarity: _s, ...p }) => p),
  };
}

/**
 * Embeds every document of the workspace whose passages lack embeddings of the configured model (a model
 * set or changed after they were added). Best effort, in the background of a settings save: what fails
 * stays searchable lexically, and the next save or upload tries again.
 */
export async function embedStaleDocuments(ctx: AppContext, workspaceId: string): Promise<number> {
  const provider = await activeProvider(ctx, workspaceId);
  const model = provider?.settings.embeddingModel;
  if (!provider || !model) return 0;
  const { documents } = llmOf(ctx);
  let done = 0;
  for (const doc of await documents.list(workspaceId)) {
    if (doc.embedded && doc.embeddingModel === model) continue;
    const chunks = (await documents.chunks(workspaceId)).filter((c) => c.documentId === doc.id);
    const vectors = await embedTexts(ctx, provider, 'document', chunks.map(chunkText));
    if (!vectors) return done;
    await documents.setEmbeddings(doc.id, vectors, model);
    done++;
  }
  return done;
}
