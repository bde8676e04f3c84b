import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { chatCompletion, type ProviderEndpoint, ProviderError } from '../src/llm/client.ts';
import { complete, providerFrom } from '../src/llm/gateway.ts';
import { llmOf } from '../src/llm/service.ts';
import { api, loginCookie, startTestApp, type TestApp } from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

/**
 * The provider's base URL is set by a workspace's admin: in a deployment with several workspaces it must not
 * reach the host's own network (cloud metadata at 169.254.169.254, databases, admin ports) unless the
 * deployment says so (LLM_PROVIDER_ALLOW_PRIVATE, for a model on the same machine or network).
 */
describe('the language-model provider address: the SSRF guard', () => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let admin: string;
  let workspaceId: string;

  beforeAll(async () => {
    // the default: private addresses not allowed
    t = await startTestApp('pglite');
    provider = await startLoopbackProvider();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    workspaceId = ((await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string }).id;
  });
  afterAll(async () => {
    await provider?.close();
    await t?.close();
  });

  const body = (baseUrl: string) => ({
    enabled: true,
    baseUrl,
    chatModel: 'loopback-chat',
    embeddingModel: null,
    apiKey: 'sk-loopback',
    timeoutMs: 5000,
    dailyTokenBudget: 1_000_000,
    features: {},
  });

  it('is validated, and off unless set', () => {
    expect(loadConfig({}).llmProviderAllowPrivate).toBe(false);
    expect(loadConfig({ LLM_PROVIDER_ALLOW_PRIVATE: 'true' }).llmProviderAllowPrivate).toBe(true);
    expect(loadConfig({ LLM_PROVIDER_ALLOW_PRIVATE: '0' }).llmProviderAllowPrivate).toBe(false);
    expect(() => loadConfig({ LLM_PROVIDER_ALLOW_PRIVATE: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ LLM_PROVIDER_ALLOW_PRIVATE: 'yes' })).toThrow(/LLM_PROVIDER_ALLOW_PRIVATE/);
  });

  it('refuses to save an address inside the network: cloud metadata, loopback, private, a name for them', async () => {
    const port = new URL(provider.url).port;
    for (const baseUrl of [
      'http://169.254.169.254/latest',
      provider.url,
      `http://localhost:${port}/v1`,
      `http://[::1]:${port}/v1`,
      'http://10.0.0.8:11434/v1',
      'http://[::ffff:127.0.0.1]:8000/v1',
    ]) {
      const saved = await api<{ error: { code: string; message: string } }>(t.url, '/api/admin/llm', {
        method: 'PUT',
        cookie: admin,
        body: body(baseUrl),
      });
      expect(saved.status, baseUrl).toBe(400);
      expect(saved.body.error.code).toBe('bad_request');
      expect(saved.body.error.message).toMatch(/private network.*LLM_PROVIDER_ALLOW_PRIVATE/);
    }
    expect(await llmOf(t.app.ctx).repo.settings(workspaceId)).toBeNull();
    expect(provider.calls).toHaveLength(0);
  });

  it('refuses the connection itself: an address stored before, or a name that resolves inside later', async () => {
    const llm = llmOf(t.app.ctx);
    const port = new URL(provider.url).port;
    // (stored directly, as an older version or a DNS answer that changed after the save would leave it)
    for (const baseUrl of [provider.url, `http://localhost:${port}/v1`]) {
      await llm.repo.saveSettings(workspaceId, {
        ...body(baseUrl),
        apiKeySealed: null,
        features: {},
      });
      const stored = await llm.repo.settings(workspaceId);
      const active = stored && providerFrom(t.app.ctx, stored);
      if (!active) throw new Error('no provider');
      const used = await llm.repo.tokensToday(workspaceId);
      const result = await complete(t.app.ctx, active, 'test', [{ role: 'user', content: 'hi' }]);
      expect(result, baseUrl).toEqual({ ok: false, outcome: 'blocked_address' });
      // not the provider's fault (the circuit stays closed), no tokens spent, nothing received
      expect(llm.breaker.state(workspaceId)).toBe('closed');
      expect(await llm.repo.tokensToday(workspaceId)).toBe(used);
      const tested = await api<{ ok: boolean; outcome: string }>(t.url, '/api/admin/llm/test', {
        method: 'POST',
        cookie: admin,
      });
      expect(tested.body).toMatchObject({ ok: false, outcome: 'blocked_address' });
    }
    expect(provider.calls).toHaveLength(0);
    const outcomes = (await llm.repo.recentCalls(workspaceId, 10)).map((c) => c.outcome);
    expect(outcomes.every((o) => o === 'blocked_address')).toBe(true);
  });

  it('reaches a model on this machine when the deployment allows it (Ollama, vLLM on localhost)', async () => {
    const port = new URL(provider.url).port;
    const endpoint = (baseUrl: string, allowPrivate: boolean): ProviderEndpoint => ({
      baseUrl,
      apiKey: null,
      chatModel: 'loopback-chat',
      embeddingModel: null,
      allowPrivate,
    });
    const ask = (e: ProviderEndpoint) =>
      chatCompletion(e, { messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 });
    for (const baseUrl of [provider.url, `http://localhost:${port}/v1`]) {
      await expect(ask(endpoint(baseUrl, false))).rejects.toSatisfy(
        (error) => error instanceof ProviderError && error.outcome === 'blocked_address',
      );
      provider.script({ kind: 'text', text: 'OK' });
      expect(await ask(endpoint(baseUrl, true))).toMatchObject({ text: 'OK' });
    }
    expect(provider.chatCalls()).toHaveLength(2);
  });
});
