import { createHash } from 'node:crypto';
import { type ConversationEngine, SemanticIndex, type SemanticQuery } from '@tandem/engine';
import type { AppContext } from '../context.ts';
import { type ActiveProvider, activeProvider, embedTexts } from './gateway.ts';
import { llmOf } from './service.ts';

/** A workspace's embedded phrasings, for one provider and model, and the knowledge they were made from. */
interface BuiltIndex {
  /** provider address and embedding model: an index made by another model cannot take this one's queries */
  model: string;
  /** the phrasings it holds (content hash) */
  content: string;
  index: SemanticIndex;
}

/** Questions of bot turns waiting for their embedding, per workspace: sent together (see `embedForTurn`). */
interface Batch {
  texts: Map<string, Array<(vector: number[] | null) => void>>;
  running: boolean;
  /** the provider as the latest turn saw it (settings may change while traffic flows) */
  provider: ActiveProvider;
}

/** How long bot turns reuse a workspace's provider settings (a save on this server drops them at once). */
const PROVIDER_TTL_MS = 5000;

/**
 * The workspace's active provider as bot turns see it: read from the database at most every few seconds, so
 * a turn does not cost a query for a feature most workspaces leave off. Settings saved on this server apply
 * to the next turn; saved on another server (scaled out), within PROVIDER_TTL_MS.
 */
export async function botProvider(ctx: AppContext, workspaceId: string): Promise<ActiveProvider | null> {
  const cache = llmOf(ctx).caches.providers as Map<string, { at: number; provider: ActiveProvider | null }>;
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < PROVIDER_TTL_MS) return hit.provider;
  const provider = await activeProvider(ctx, workspaceId);
  cache.set(workspaceId, { at: Date.now(), provider });
  return provider;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

const modelOf = (provider: ActiveProvider) =>
  `${provider.settings.baseUrl}\u0000${provider.settings.embeddingModel ?? ''}`;

/** What an engine's phrasings and held-out predictions are, and their hash (computed once per engine). */
const trainingOf = new WeakMap<
  ConversationEngine,
  { training: ReturnType<ConversationEngine['semanticTraining']>; content: string }
>();

function memoTraining(engine: ConversationEngine) {
  let memo = trainingOf.get(engine);
  if (!memo) {
    const training = engine.semanticTraining();
    // the held-out predictions weigh the embeddings: a retrained classifier deserves a new weighing
    const content = createHash('sha256')
      .update(
        JSON.stringify([
          training.phrasings,
          training.heldOut?.labels ?? [],
          training.heldOut?.probabilities ?? [],
        ]),
      )
      .digest('base64url');
    memo = { training, content };
    trainingOf.set(engine, memo);
  }
  return memo;
}

interface Flight {
  model: string;
  content: string;
  promise: Promise<SemanticIndex | null>;
}

/**
 * The workspace's embedded phrasings for the bot, when ready: the index for its bot as it is now, or the
 * last one made with the same model while a changed bot is embedded (an intent it does not know yet is left
 * to the classifier; deleted entries are never answered). Otherwise null, and the index is built in the
 * background, one build at a time per workspace (a bot changed meanwhile is built by the next turn after it)
 * — never inside a bot turn, which goes on with the classical engine alone. `building` resolves when the
 * index for this bot is ready (for tests and warm-up).
 */
export function prepareIndex(
  ctx: AppContext,
  provider: ActiveProvider,
  engine: ConversationEngine,
): { ready: SemanticIndex | null; building: Promise<SemanticIndex | null> } {
  const llm = llmOf(ctx);
  const built = llm.caches.examples as Map<string, BuiltIndex>;
  const building = llm.caches.building as Map<string, Flight>;
  const { training, content } = memoTraining(engine);
  const model = modelOf(provider);
  const { workspaceId } = provider;
  const cached = built.get(workspaceId);
  const usable = cached?.model === model ? cached.index : null;
  if (cached?.model === model && cached.content === content)
    return { ready: usable, building: Promise.resolve(usable) };
  const running = building.get(workspaceId);
  if (running) {
    const mine = running.model === model && running.content === content;
    return {
      ready: usable,
      building: mine
        ? running.promise
        : running.promise.then(() => prepareIndex(ctx, provider, engine).building),
    };
  }
  const promise = (async () => {
    // every phrasing in batches (the embedding cache makes a rebuild after a small change cheap)
    const vectors = await embedTexts(
      ctx,
      provider,
      'bot',
      training.phrasings.map((p) => p.text),
    );
    if (!vectors || vectors.length === 0) return null;
    const index = await SemanticIndex.build(
      training.phrasings.map((p, i) => ({ key: p.key, text: p.text, vector: vectors[i] as number[] })),
      training.heldOut ? { heldOut: training.heldOut } : {},
    );
    built.set(workspaceId, { model, content, index });
    const c = index.calibration;
    ctx.log.info(
      {
        workspaceId,
        phrasings: index.size,
        accuracy: Number(c.accuracy.toFixed(3)),
        exponent: c.exponent,
        heldOut: c.heldOut,
      },
      'bot embeddings ready',
    );
    return index;
  })()
    .catch((error: unknown) => {
      ctx.log.error({ err: error, workspaceId }, 'could not embed the bot phrasings');
      return null;
    })
    .finally(() => building.delete(workspaceId));
  building.set(workspaceId, { model, content, promise });
  return { ready: usable, building: promise };
}

/**
 * One bot turn's question embedded, sent together with the other turns' questions of the workspace that wait
 * meanwhile (one request in flight per workspace; everything that arrives during it goes in the next), cached
 * per text. Null when the provider fails, is slow (`timeoutMs`) or over budget.
 */
function embedForTurn(
  ctx: AppContext,
  provider: ActiveProvider,
  text: string,
  timeoutMs: number,
): Promise<number[] | null> {
  const llm = llmOf(ctx);
  const batches = llm.caches.turns as Map<string, Batch>;
  const key = provider.workspaceId;
  let batch = batches.get(key);
  if (!batch) {
    batch = { texts: new Map(), running: false, provider };
    batches.set(key, batch);
  }
  batch.provider = provider;
  const mine = batch;
  let timer: NodeJS.Timeout | undefined;
  const result = new Promise<number[] | null>((resolve) => {
    const waiting = mine.texts.get(text) ?? [];
    waiting.push(resolve);
    mine.texts.set(text, waiting);
    // each turn waits at most its own deadline, whatever the batch it joined is doing
    timer = setTimeout(() => resolve(null), timeoutMs);
  }).finally(() => clearTimeout(timer));
  const run = async () => {
    mine.running = true;
    while (mine.texts.size > 0) {
      const taken = new Map(mine.texts);
      mine.texts.clear();
      const texts = [...taken.keys()];
      const vectors = await embedTexts(ctx, mine.provider, 'bot', texts, { timeoutMs }).catch(
        (error: unknown) => {
          ctx.log.error({ err: error, workspaceId: key }, 'could not embed bot questions');
          return null;
        },
      );
      texts.forEach((t, i) => {
        for (const resolve of taken.get(t) ?? []) resolve(vectors?.[i] ?? null);
      });
    }
    mine.running = false;
    batches.delete(key);
  };
  if (!mine.running) void run();
  return result;
}

/**
 * The message's embedding against the workspace's embedded phrasings — extra evidence for the bot's intent
 * and FAQ matching and its out-of-scope decision (`fusePrediction` in the engine) — or null, and the classical
 * engine answers alone: embeddings off, the phrasings not embedded yet, the provider slow, down or over
 * budget, or its circuit open.
 */
export async function semanticFor(
  ctx: AppContext,
  provider: ActiveProvider | null,
  engine: ConversationEngine,
  text: string,
  timeoutMs: number,
): Promise<SemanticQuery | null> {
  if (!provider?.features.botEmbeddings || !provider.settings.embeddingModel) return null;
  // a message with no words (emoji, punctuation) means nothing to match
  if (!WORDLIKE.test(text)) return null;
  const { ready } = prepareIndex(ctx, provider, engine);
  if (!ready || ready.size === 0) return null;
  const vector = await embedForTurn(ctx, provider, text, timeoutMs);
  if (!vector) return null;
  if (vector.length !== ready.dims) {
    // the model changed its dimensions under the same name: what was built and cached with it is of no use
    const llm = llmOf(ctx);
    llm.caches.examples.delete(provider.workspaceId);
    llm.embeddings.clearWorkspace(provider.workspaceId);
    return null;
  }
  return ready.query(vector);
}
