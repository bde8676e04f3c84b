import { type LlmFeatures, llmFeaturesSchema } from '@tandem/protocol';
import type { LlmSettingsRecord } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { isPrivateLiteralHost } from '../documents/addressGuard.ts';
import {
  type ChatMessage,
  chatCompletion,
  embeddings,
  estimatePromptTokens,
  estimateTokens,
  type ProviderEndpoint,
  ProviderError,
} from './client.ts';
import { createMasker } from './mask.ts';
import { llmOf } from './service.ts';

/** A call's outcome as the call log records it. */
export type LlmOutcome =
  | 'ok'
  | 'budget'
  | 'circuit_open'
  | 'timeout'
  | 'http_error'
  | 'bad_response'
  | 'network'
  | 'key_unreadable'
  | 'stopped'
  | 'blocked_address';

/** The provider of a workspace when it is switched on: settings, features and where to call. */
export interface ActiveProvider {
  workspaceId: string;
  settings: LlmSettingsRecord;
  features: LlmFeatures;
  endpoint: ProviderEndpoint;
}

export type CompletionResult =
  | { ok: true; text: string; promptTokens: number; completionTokens: number }
  | { ok: false; outcome: Exclude<LlmOutcome, 'ok'> };

/** What a workspace's stored features say (defaults for what an older save left out). */
export const readFeatures = (settings: LlmSettingsRecord | null): LlmFeatures =>
  llmFeaturesSchema.parse(settings?.features ?? {});

/** The workspace's provider, or null when none is configured or it is switched off (the default). */
export async function activeProvider(ctx: AppContext, workspaceId: string): Promise<ActiveProvider | null> {
  const settings = await llmOf(ctx).repo.settings(workspaceId);
  return settings?.enabled ? providerFrom(ctx, settings) : null;
}

/** Where and how to call the provider of these settings; null when the stored key cannot be opened. */
export function providerFrom(ctx: AppContext, settings: LlmSettingsRecord): ActiveProvider | null {
  const { workspaceId } = settings;
  const apiKey = settings.apiKeySealed ? llmOf(ctx).box.open(settings.apiKeySealed, workspaceId) : null;
  if (settings.apiKeySealed && apiKey === null) {
    ctx.log.warn({ workspaceId }, 'the stored provider API key cannot be opened (LLM_SECRET changed?)');
    return null;
  }
  return {
    workspaceId,
    settings,
    features: readFeatures(settings),
    endpoint: {
      baseUrl: settings.baseUrl,
      apiKey,
      chatModel: settings.chatModel,
      embeddingModel: settings.embeddingModel,
      allowPrivate: ctx.config.llmProviderAllowPrivate ?? false,
    },
  };
}

/** The longest completion a call may write when its caller sets none (sent as `max_tokens`, and reserved). */
export const DEFAULT_MAX_TOKENS = 1024;

/** Tokens set aside from today's budget for a call in flight, and the UTC day they count against. */
interface Reservation {
  tokens: number;
  at: Date;
}

type Refusal = Exclude<LlmOutcome, 'ok'>;

/**
 * A provider call may go out: its address is allowed, the circuit is closed, and `tokens` (what the call can
 * cost at most, estimated) fit in what is left of today's budget — reserved at once, in one statement, so
 * calls running at the same time (in any process) cannot together spend past the budget. The reservation is
 * settled with the real count after the call (`record`), or given back when nothing was spent.
 */
async function admit(
  ctx: AppContext,
  provider: ActiveProvider,
  tokens: number,
): Promise<{ refused: Refusal } | { reservation: Reservation }> {
  const llm = llmOf(ctx);
  const { workspaceId } = provider;
  if (!provider.endpoint.allowPrivate && privateLiteral(provider.endpoint.baseUrl))
    return { refused: 'blocked_address' };
  if (llm.breaker.state(workspaceId) === 'open') return { refused: 'circuit_open' };
  const at = new Date();
  if (!(await llm.repo.reserveTokens(workspaceId, tokens, provider.settings.dailyTokenBudget, at)))
    return { refused: 'budget' };
  if (!llm.breaker.allow(workspaceId)) {
    await release(ctx, provider, { tokens, at });
    return { refused: 'circuit_open' };
  }
  return { reservation: { tokens, at } };
}

const privateLiteral = (baseUrl: string) => {
  try {
    return isPrivateLiteralHost(new URL(baseUrl));
  } catch {
    return false;
  }
};

/** Brings a reservation to what the call really spent (less, or more when the provider counts higher). */
async function settle(ctx: AppContext, provider: ActiveProvider, reservation: Reservation, spent: number) {
  await llmOf(ctx)
    .repo.adjustTokens(provider.workspaceId, spent - reservation.tokens, reservation.at)
    .catch((error: unknown) =>
      ctx.log.error({ err: error }, 'could not settle the tokens of a provider call'),
    );
}

const release = (ctx: AppContext, provider: ActiveProvider, reservation: Reservation) =>
  settle(ctx, provider, reservation, 0);

/** Logs a call (never the text: only what it cost and how it went) and settles its reservation. */
async function record(
  ctx: AppContext,
  provider: ActiveProvider,
  call: {
    purpose: string;
    model: string;
    outcome: LlmOutcome;
    latencyMs: number;
    prompt: number;
    completion: number;
  },
  reservation: Reservation | null = null,
): Promise<void> {
  if (reservation) await settle(ctx, provider, reservation, call.prompt + call.completion);
  await llmOf(ctx)
    .repo.logCall(provider.workspaceId, {
      purpose: call.purpose,
      model: call.model,
      outcome: call.outcome,
      latencyMs: call.latencyMs,
      promptTokens: call.prompt,
      completionTokens: call.completion,
    })
    .catch((error: unknown) => ctx.log.error({ err: error }, 'could not log a provider call'));
}

const failure = (
  error: unknown,
): Exclude<LlmOutcome, 'ok' | 'budget' | 'circuit_open' | 'key_unreadable' | 'stopped'> =>
  error instanceof ProviderError ? error.outcome : 'network';

/**
 * Does this failure say the provider is unwell (the breaker counts it)? Timeouts, network trouble, 5xx and
 * 429 do; a 4xx refusal of one request (a content filter, a bad parameter) or a malformed body does not.
 */
export function providerUnwell(error: unknown): boolean {
  if (!(error instanceof ProviderError)) return true;
  if (error.outcome === 'timeout' || error.outcome === 'network') return true;
  if (error.outcome === 'http_error')
    return error.status === undefined || error.status >= 500 || error.status === 429;
  return false;
}

/** The call's signal: the provider's timeout, a shorter limit of the caller's, and the caller's own stop. */
function callSignal(provider: ActiveProvider, options: { timeoutMs?: number; signal?: AbortSignal }) {
  const timeout = AbortSignal.timeout(Math.min(provider.settings.timeoutMs, options.timeoutMs ?? Infinity));
  return options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
}

// a placeholder cut in half at the end of a streamed piece is held back until it is whole
const PARTIAL_PLACEHOLDER = /\[[A-Z_0-9]*$/;

/**
 * One chat completion for a workspace, with every safeguard: personal data masked before the text leaves
 * (and put back into the answer), the daily budget (the prompt's estimate plus `maxTokens` reserved before
 * the call, settled with the provider's count after), the circuit breaker, the timeout, and a log line per
 * call without the text. `onText` gets the whole answer so far as it streams (already unmasked).
 * `maxTokens` caps the answer (DEFAULT_MAX_TOKENS when absent); `timeoutMs` shortens the provider's timeout
 * for this call; aborting `signal` stops the call (outcome `stopped`, not a provider failure). Never throws
 * for provider trouble: the caller falls back (`ok: false`).
 */
export async function complete(
  ctx: AppContext,
  provider: ActiveProvider,
  purpose: string,
  messages: ChatMessage[],
  options: {
    onText?: (textSoFar: string) => void;
    maxTokens?: number;
    timeoutMs?: number;
    signal?: AbortSignal;
  } = {},
): Promise<CompletionResult> {
  const llm = llmOf(ctx);
  const model = provider.settings.chatModel;
  const masker = createMasker();
  const masked = messages.map((m) => ({ role: m.role, content: masker.mask(m.content) }));
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const promptEstimate = estimatePromptTokens(masked);
  const admitted = await admit(ctx, provider, promptEstimate + maxTokens);
  if ('refused' in admitted) {
    const outcome = admitted.refused;
    await record(ctx, provider, { purpose, model, outcome, latencyMs: 0, prompt: 0, completion: 0 });
    return { ok: false, outcome };
  }
  const { reservation } = admitted;
  const started = performance.now();
  let soFar = '';
  const onText = options.onText;
  try {
    const response = await chatCompletion(provider.endpoint, {
      messages: masked,
      signal: callSignal(provider, options),
      maxTokens,
      ...(onText
        ? {
            onDelta: (delta: string) => {
              soFar += delta;
              onText(masker.unmask(soFar.replace(PARTIAL_PLACEHOLDER, '')));
            },
          }
        : {}),
    });
    llm.breaker.success(provider.workspaceId);
    await record(
      ctx,
      provider,
      {
        purpose,
        model,
        outcome: 'ok',
        latencyMs: performance.now() - started,
        prompt: response.promptTokens,
        completion: response.completionTokens,
      },
      reservation,
    );
    return {
      ok: true,
      text: masker.unmask(response.text),
      promptTokens: response.promptTokens,
      completionTokens: response.completionTokens,
    };
  } catch (error) {
    const outcome = options.signal?.aborted ? 'stopped' : failure(error);
    // (a refusal of this one request, a refused address, or a stop of ours, says nothing against the provider)
    if (outcome !== 'stopped' && providerUnwell(error)) llm.breaker.failure(provider.workspaceId);
    else llm.breaker.success(provider.workspaceId);
    // a call cut off after it wrote something has spent about that much (the provider bills it); one that
    // wrote nothing gives its reservation back
    const written = soFar === '' ? 0 : estimateTokens(soFar);
    await record(
      ctx,
      provider,
      {
        purpose,
        model,
        outcome,
        latencyMs: performance.now() - started,
        prompt: written > 0 ? promptEstimate : 0,
        completion: written,
      },
      reservation,
    );
    return { ok: false, outcome };
  }
}

/** Texts per embeddings request (DashScope's text-embedding-v3/v4 take at most 10). */
const EMBED_BATCH = 10;

/**
 * Embeddings of texts (masked like any text that leaves), from the cache when known, the rest in batches;
 * null when the provider has no embedding model or cannot give them now (the caller goes on without).
 */
export async function embedTexts(
  ctx: AppContext,
  provider: ActiveProvider,
  purpose: string,
  texts: readonly string[],
  options: { timeoutMs?: number } = {},
): Promise<number[][] | null> {
  const model = provider.settings.embeddingModel;
  if (!model) return null;
  const llm = llmOf(ctx);
  const masker = createMasker();
  const maskedTexts = texts.map((t) => masker.mask(t));
  const scope = { workspaceId: provider.workspaceId, baseUrl: provider.settings.baseUrl, model };
  const out: Array<number[] | undefined> = maskedTexts.map((t) => llm.embeddings.get(scope, t));
  const missing = [...new Set(maskedTexts.filter((_, i) => out[i] === undefined))];
  // (kept here too: the cache may drop an entry before this call returns)
  const fetched = new Map<string, number[]>();
  for (let start = 0; start < missing.length; start += EMBED_BATCH) {
    const batch = missing.slice(start, start + EMBED_BATCH);
    // (an embedding costs its input: the estimate is reserved, the provider's count settles it)
    const estimate = Math.max(
      1,
      batch.reduce((n, t) => n + estimateTokens(t), 0),
    );
    const admitted = await admit(ctx, provider, estimate);
    if ('refused' in admitted) {
      await record(ctx, provider, {
        purpose,
        model,
        outcome: admitted.refused,
        latencyMs: 0,
        prompt: 0,
        completion: 0,
      });
      return null;
    }
    const { reservation } = admitted;
    const started = performance.now();
    try {
      const { vectors, tokens } = await embeddings(provider.endpoint, batch, callSignal(provider, options));
      llm.breaker.success(provider.workspaceId);
      for (const [i, text] of batch.entries()) {
        fetched.set(text, vectors[i] as number[]);
        llm.embeddings.set(scope, text, vectors[i] as number[]);
      }
      await record(
        ctx,
        provider,
        {
          purpose,
          model,
          outcome: 'ok',
          latencyMs: performance.now() - started,
          prompt: tokens,
          completion: 0,
        },
        reservation,
      );
    } catch (error) {
      if (providerUnwell(error)) llm.breaker.failure(provider.workspaceId);
      else llm.breaker.success(provider.workspaceId);
      await record(
        ctx,
        provider,
        {
          purpose,
          model,
          outcome: failure(error),
          latencyMs: performance.now() - started,
          prompt: 0,
          completion: 0,
        },
        reservation,
      );
      return null;
    }
  }
  return maskedTexts.map((t, i) => out[i] ?? (fetched.get(t) as number[]));
}
