import { DomainError, type User } from '@tandem/domain';
import {
  type LlmSettingsView,
  type LlmTestResult,
  llmFeaturesSchema,
  type llmSettingsBodySchema,
} from '@tandem/protocol';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { resolvesPrivate } from '../documents/addressGuard.ts';
import { embedStaleDocuments } from '../documents/service.ts';
import { complete, embedTexts, providerFrom, readFeatures } from './gateway.ts';
import { llmOf } from './service.ts';

export function assertAdmin(user: User): void {
  if (user.role !== 'admin')
    throw new DomainError('forbidden', 'only admins may change the language-model provider');
}

/** What the form starts from before an admin saves anything (off). */
const DEFAULTS = {
  baseUrl: 'https://api.deepseek.com/v1',
  chatModel: 'deepseek-chat',
  embeddingModel: null,
  timeoutMs: 15_000,
  dailyTokenBudget: 200_000,
};

/** The workspace's provider settings for admins: whether a key is stored, never the key. */
export async function readLlmSettings(ctx: AppContext, user: User): Promise<LlmSettingsView> {
  assertAdmin(user);
  const llm = llmOf(ctx);
  const stored = await llm.repo.settings(user.workspaceId);
  const common = {
    tokensToday: await llm.repo.tokensToday(user.workspaceId),
    circuit: llm.breaker.state(user.workspaceId),
  };
  if (!stored)
    return {
      enabled: false,
      ...DEFAULTS,
      hasApiKey: false,
      features: readFeatures(null),
      saved: false,
      ...common,
    };
  return {
    enabled: stored.enabled,
    baseUrl: stored.baseUrl,
    chatModel: stored.chatModel,
    embeddingModel: stored.embeddingModel,
    hasApiKey: stored.apiKeySealed !== null,
    timeoutMs: stored.timeoutMs,
    dailyTokenBudget: stored.dailyTokenBudget,
    features: readFeatures(stored),
    saved: true,
    ...common,
  };
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/**
 * Saves the settings; the key is sealed before it is stored. Absent, the stored key is kept — but only for
 * the same provider: a new host (origin) of the base URL needs the key again (`api_key_required`), so nobody
 * who can change the address can make the server send the stored key to a host of their choosing.
 */
export async function saveLlmSettings(
  ctx: AppContext,
  user: User,
  body: z.output<typeof llmSettingsBodySchema>,
): Promise<LlmSettingsView> {
  assertAdmin(user);
  const llm = llmOf(ctx);
  const stored = await llm.repo.settings(user.workspaceId);
  const baseUrl = body.baseUrl.replace(/\/+$/, '');
  await assertReachableAddress(ctx, baseUrl);
  if (body.apiKey === undefined && stored?.apiKeySealed && originOf(stored.baseUrl) !== originOf(baseUrl))
    throw new DomainError(
      'api_key_required',
      'the provider address moved to another host: enter its API key again (or remove the key)',
    );
  const apiKeySealed =
    body.apiKey === undefined
      ? (stored?.apiKeySealed ?? null)
      : body.apiKey === null
        ? null
        : llm.box.seal(body.apiKey, user.workspaceId);
  await llm.repo.saveSettings(user.workspaceId, {
    enabled: body.enabled,
    baseUrl,
    chatModel: body.chatModel,
    embeddingModel: body.embeddingModel,
    apiKeySealed,
    timeoutMs: body.timeoutMs,
    dailyTokenBudget: body.dailyTokenBudget,
    features: llmFeaturesSchema.parse(body.features),
  });
  // new settings deserve a fresh chance, and nothing computed with the old ones is reused
  llm.breaker.reset(user.workspaceId);
  llm.embeddings.clearWorkspace(user.workspaceId);
  llm.caches.providers.delete(user.workspaceId);
  llm.caches.examples.delete(user.workspaceId);
  // documents added before this embedding model get its vectors, in the background
  if (body.enabled && body.embeddingModel) {
    embedStaleDocuments(ctx, user.workspaceId).catch((error: unknown) =>
      ctx.log.error({ err: error, workspaceId: user.workspaceId }, 'could not embed the documents'),
    );
  }
  return readLlmSettings(ctx, user);
}

/**
 * Refuses a base URL inside the host's network (loopback, private, link-local such as cloud metadata at
 * 169.254.169.254…) unless the deployment allows it (LLM_PROVIDER_ALLOW_PRIVATE, for a self-hosted model).
 * A clear answer when saving; the guard that holds is in the connection's own DNS lookup (llm/client.ts),
 * so a name that resolves elsewhere later is refused as it connects.
 */
async function assertReachableAddress(ctx: AppContext, baseUrl: string): Promise<void> {
  if (ctx.config.llmProviderAllowPrivate) return;
  const inside = await resolvesPrivate(new URL(baseUrl));
  if (inside)
    throw new DomainError(
      'bad_request',
      `the provider address is inside a private network (${inside}): a self-hosted model (Ollama, vLLM) needs LLM_PROVIDER_ALLOW_PRIVATE=true on the server`,
    );
}

/** One small completion (and one embedding when configured) with the saved settings, switched on or not. */
export async function testLlmSettings(ctx: AppContext, user: User): Promise<LlmTestResult> {
  assertAdmin(user);
  const llm = llmOf(ctx);
  const stored = await llm.repo.settings(user.workspaceId);
  if (!stored) throw new DomainError('bad_request', 'save the provider settings first');
  // tested as if switched on, with the same safeguards (budget, breaker, masking, log) as any call
  const provider = providerFrom(ctx, stored);
  if (!provider)
    return { ok: false, outcome: 'key_unreadable', latencyMs: 0, sample: null, embeddings: 'failed' };
  const started = performance.now();
  const result = await complete(
    ctx,
    provider,
    'test',
    [
      { role: 'system', content: 'You are a connection test. Answer with the single word: OK' },
      { role: 'user', content: 'ping' },
    ],
    { maxTokens: 8 },
  );
  const latencyMs = Math.round(performance.now() - started);
  const embedding = provider.settings.embeddingModel
    ? (await embedTexts(ctx, provider, 'test', ['ping']))
      ? 'ok'
      : 'failed'
    : 'not_configured';
  return result.ok
    ? { ok: true, outcome: 'ok', latencyMs, sample: result.text.slice(0, 200), embeddings: embedding }
    : { ok: false, outcome: result.outcome, latencyMs, sample: null, embeddings: embedding };
}

export async function recentLlmCalls(ctx: AppContext, user: User) {
  assertAdmin(user);
  const calls = await llmOf(ctx).repo.recentCalls(user.workspaceId, 50);
  return { calls: calls.map((c) => ({ ...c, at: c.at.toISOString() })) };
}
