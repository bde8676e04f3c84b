import { nearest, PassageIndex, reciprocalRankFusion } from '@tandem/engine';
import type { DocumentPassage } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { type ActiveProvider, embedTexts } from '../llm/gateway.ts';
import { createMasker } from '../llm/mask.ts';
import { llmOf } from '../llm/service.ts';

const PLACEHOLDER = /\[(?:EMAIL|ID|CARD|PHONE)_\d+\]/g;

interface IndexedChunk {
  documentId: string;
  title: string;
  url: string | null;
  heading: string;
  text: string;
  embedding: number[] | null;
  embeddingModel: string | null;
}

interface WorkspaceIndex {
  revision: string;
  chunks: IndexedChunk[];
  lexical: PassageIndex<number>;
}

/** A passage found for a question: `coverage` lexical (0..1), `similarity` by embeddings (when used). */
export interface RetrievedPassage extends DocumentPassage {
  coverage: number;
  similarity: number | null;
}

/** Built indexes by workspace; a saved or deleted document changes the revision, and the next search rebuilds. */
const indexesOf = (ctx: AppContext) => llmOf(ctx).caches.indexes as Map<string, WorkspaceIndex>;

async function workspaceIndex(ctx: AppContext, workspaceId: string): Promise<WorkspaceIndex> {
  const { documents } = llmOf(ctx);
  const indexes = indexesOf(ctx);
  const revision = await documents.revision(workspaceId);
  const cached = indexes.get(workspaceId);
  if (cached?.revision === revision) return cached;
  const chunks = await documents.chunks(workspaceId);
  const built: WorkspaceIndex = {
    revision,
    chunks,
    lexical: new PassageIndex(chunks.map((c, i) => ({ key: i, heading: c.heading, text: c.text }))),
  };
  indexes.set(workspaceId, built);
  return built;
}

const RRF_K = 60;

/**
 * The passages that best answer a question: BM25 over words and character n-grams always; with the
 * provider's embeddings (chunks embedded, the question embedded now) also by vector, the two rankings
 * fused by reciprocal rank. Without a provider, or when it fails, lexical only.
 */
export async function retrievePassages(
  ctx: AppContext,
  workspaceId: string,
  question: string,
  options: { limit?: number; provider?: ActiveProvider | null; timeoutMs?: number } = {},
): Promise<{ mode: 'lexical' | 'hybrid'; passages: RetrievedPassage[] }> {
  const limit = options.limit ?? 5;
  // phones, e-mail addresses, ID and card numbers say nothing about what is asked: left out of the search
  question = createMasker().mask(question).replace(PLACEHOLDER, ' ');
  const index = await workspaceIndex(ctx, workspaceId);
  if (index.chunks.length === 0) return { mode: 'lexical', passages: [] };
  const lexical = index.lexical.search(question, Math.max(limit * 3, 10));
  const coverage = new Map(lexical.map((h) => [h.key, h.coverage]));
  const provider = options.provider;
  const model = provider?.settings.embeddingModel ?? null;
  // only vectors of the model the question is embedded with are comparable
  const comparable = (c: IndexedChunk) =>
    c.embedding !== null && model !== null && c.embeddingModel === model;
  let vector: Array<{ key: number; similarity: number }> = [];
  if (provider && index.chunks.some(comparable)) {
    const [q] =
      (await embedTexts(ctx, provider, 'retrieval', [question], {
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      })) ?? [];
    if (q) {
      const items = index.chunks.flatMap((c, key) =>
        comparable(c) && c.embedding ? [{ key, vector: c.embedding }] : [],
      );
      vector = nearest(q, items, Math.max(limit * 3, 10));
    }
  }
  const similarity = new Map(vector.map((h) => [h.key, h.similarity]));
  const ranked =
    vector.length > 0
      ? reciprocalRankFusion([lexical.map((h) => h.key), vector.map((h) => h.key)], RRF_K)
      : lexical.map((h) => ({ key: h.key, score: h.score }));
  return {
    mode: vector.length > 0 ? 'hybrid' : 'lexical',
    passages: ranked.slice(0, limit).map(({ key, score }) => {
      const c = index.chunks[key] as IndexedChunk;
      return {
        documentId: c.documentId,
        title: c.title,
        url: c.url,
        heading: c.heading,
        text: c.text,
        score,
        coverage: coverage.get(key) ?? 0,
        similarity: similarity.get(key) ?? null,
      };
    }),
  };
}
