import { createHash } from 'node:crypto';
import type { Conversation } from '@tandem/domain';
import { type EmbeddedExample, matchByEmbedding, type TurnOutput } from '@tandem/engine';
import type { AppContext } from '../context.ts';
import { type ActiveProvider, embedTexts } from './gateway.ts';
import { llmOf } from './service.ts';

/** The margin (cosine) the best entry needs over the next for embeddings alone to answer. */
const MIN_MARGIN = 0.03;

interface WorkspaceExamples {
  key: string;
  examples: Array<EmbeddedExample<string>>;
  answers: Map<string, { zh: string; en: string }>;
}

/**
 * The workspace's embedded phrasings when they are ready for its knowledge as it is now; otherwise null, and
 * they are built in the background (once at a time per workspace) — never inside a bot turn, which goes on
 * with the classical answer meanwhile. The returned promise is the build (for tests and warm-up).
 */
export function prepareExamples(
  ctx: AppContext,
  provider: ActiveProvider,
): { ready: WorkspaceExamples | null; building: Promise<WorkspaceExamples | null> } {
  const llm = llmOf(ctx);
  const building = llm.caches.building as Map<string, Promise<WorkspaceExamples | null>>;
  const cache = llm.caches.examples as Map<string, WorkspaceExamples>;
  const cacheKey = provider.workspaceId;
  let build = building.get(cacheKey);
  if (!build) {
    build = buildExamples(ctx, provider)
      .catch((error: unknown) => {
        ctx.log.error({ err: error, workspaceId: cacheKey }, 'could not embed the knowledge phrasings');
        return null;
      })
      .finally(() => building.delete(cacheKey));
    building.set(cacheKey, build);
  }
  return { ready: cache.get(cacheKey) ?? null, building: build };
}

async function buildExamples(ctx: AppContext, provider: ActiveProvider): Promise<WorkspaceExamples | null> {
  const entries = (await ctx.store.knowledge.list(provider.workspaceId)).filter((e) => e.enabled !== false);
  const phrasings = entries.flatMap((e) =>
    [...(e.questions.zh ?? []), ...(e.questions.en ?? [])].map((text) => ({ id: e.id, text })),
  );
  const key = createHash('sha256')
    .update(
      `${provider.settings.baseUrl}\u0000${provider.settings.embeddingModel}\u0000${JSON.stringify(phrasings)}`,
    )
    .digest('base64url');
  // embedded phrasings per workspace, rebuilt when the knowledge or the model changes (keyed by their content)
  const cache = llmOf(ctx).caches.examples as Map<string, WorkspaceExamples>;
  const cacheKey = provider.workspaceId;
  const cached = cache.get(cacheKey);
  if (cached?.key === key) return cached;
  // changed: not used until rebuilt
  cache.delete(cacheKey);
  // every phrasing in batches (the embedding cache makes a rebuild after a small change cheap)
  const vectors = await embedTexts(
    ctx,
    provider,
    'bot',
    phrasings.map((p) => p.text),
  );
  if (!vectors) return null;
  const built: WorkspaceExamples = {
    key,
    examples: phrasings.map((p, i) => ({ key: p.id, vector: vectors[i] as number[] })),
    answers: new Map(entries.map((e) => [e.id, e.answer])),
  };
  cache.set(cacheKey, built);
  return built;
}

/** Turns embeddings may improve: nothing understood, a did-you-mean list, a hand-over for misses alone. */
const uncertain = (turn: TurnOutput) =>
  turn.kind === 'unknown' ||
  turn.kind === 'clarify' ||
  (turn.kind === 'handoff' && turn.handover?.reason === 'repeated_miss');

/**
 * Embeddings as an extra feature of FAQ matching: when the classical engine did not understand a message (or
 * only offered a did-you-mean list), the message's embedding is compared with every phrasing of the
 * knowledge base; a clear, close match answers with that entry. The provider being slow or down, or no
 * clear match, leaves the classical turn as it was.
 */
export async function withEmbeddingMatch(
  ctx: AppContext,
  provider: ActiveProvider | null,
  input: { conversation: Conversation; text: string; turn: TurnOutput; timeoutMs?: number },
): Promise<{ turn: TurnOutput; meta: Record<string, unknown> } | null> {
  const { turn } = input;
  if (!provider?.features.botEmbeddings || !provider.settings.embeddingModel || !uncertain(turn)) return null;
  const examples = prepareExamples(ctx, provider).ready;
  if (!examples || examples.examples.length === 0) return null;
  const [query] =
    (await embedTexts(ctx, provider, 'bot', [input.text], {
      ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    })) ?? [];
  if (!query) return null;
  const match = matchByEmbedding(query, examples.examples, {
    minSimilarity: provider.features.embeddingThreshold,
    minMargin: MIN_MARGIN,
  });
  const answer = match ? examples.answers.get(match.key) : undefined;
  if (!match || !answer) return null;
  const text = answer[turn.lang] || answer[turn.lang === 'zh' ? 'en' : 'zh'];
  if (!text) return null;
  return {
    turn: {
      ...turn,
      kind: 'answer',
      replies: [{ text, buttons: [] }],
      handover: null,
      intent: match.key,
      confidence: match.similarity,
      state: { ...turn.state, asked: null, bot: { ...turn.state.bot, misses: 0, lastEntryId: match.key } },
    },
    meta: { matchedBy: 'embeddings', similarity: Number(match.similarity.toFixed(3)) },
  };
}
