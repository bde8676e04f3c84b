import type { TestDriver } from '@tandem/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens } from '../src/llm/client.ts';
import { createEmbeddingCache } from '../src/llm/embeddingCache.ts';
import { activeProvider, complete, embedTexts } from '../src/llm/gateway.ts';
import { createMasker } from '../src/llm/mask.ts';
import { createSecretBox } from '../src/llm/secretBox.ts';
import { attachLlmService, llmOf } from '../src/llm/service.ts';
import { api, loginCookie, startTestApp, type TestApp } from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

const KEY = 'sk-test-very-secret-key-0001';

describe.each<TestDriver>(['pglite', 'postgres'])(
  'language-model provider settings and client (%s)',
  (driver) => {
    let t: TestApp;
    let provider: LoopbackProvider;
    let admin: string;
    let workspaceId: string;

    const settings = (overrides: Record<string, unknown> = {}) => ({
      enabled: true,
      baseUrl: provider.url,
      chatModel: 'loopback-chat',
      embeddingModel: 'loopback-embed',
      timeoutMs: 30_000,
      dailyTokenBudget: 1_000_000,
      features: {},
      ...overrides,
    });
    const save = (overrides: Record<string, unknown> = {}) =>
      api<Record<string, unknown>>(t.url, '/api/admin/llm', {
        method: 'PUT',
        cookie: admin,
        body: settings(overrides),
      });
    const providerNow = async () => {
      const p = await activeProvider(t.app.ctx, workspaceId);
      if (!p) throw new Error('no active provider');
      return p;
    };

    beforeAll(async () => {
      t = await startTestApp(driver, { llmProviderAllowPrivate: true });
      provider = await startLoopbackProvider();
      admin = await loginCookie(t.url, 'admin@tandem.demo');
      workspaceId = ((await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string }).id;
    });
    afterAll(async () => {
      await provider.close();
      await t.close();
    });

    it('is off by default, admin-only, and never returns or stores the key in clear', async () => {
      const before = await api<{ enabled: boolean; saved: boolean; hasApiKey: boolean }>(
        t.url,
        '/api/admin/llm',
        {
          cookie: admin,
        },
      );
      expect(before.status).toBe(200);
      expect(before.body).toMatchObject({ enabled: false, saved: false, hasApiKey: false });
      expect(await activeProvider(t.app.ctx, workspaceId)).toBeNull();

      const agent = await loginCookie(t.url, 'agent1@tandem.demo');
      expect((await api(t.url, '/api/admin/llm', { cookie: agent })).status).toBe(403);
      expect(
        (await api(t.url, '/api/admin/llm', { method: 'PUT', cookie: agent, body: settings() })).status,
      ).toBe(403);
      expect((await api(t.url, '/api/admin/llm')).status).toBe(401);

      const saved = await save({ apiKey: KEY });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ enabled: true, hasApiKey: true, saved: true });
      expect(JSON.stringify(saved.body)).not.toContain(KEY);
      const read = await api(t.url, '/api/admin/llm', { cookie: admin });
      expect(JSON.stringify(read.body)).not.toContain(KEY);
      expect(read.headers.get('cache-control')).toBe('no-store');

      const row = await t.app.ctx.store.db
        .selectFrom('llm_settings')
        .select('api_key_sealed')
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      expect(row.api_key_sealed).toBeTruthy();
      expect(row.api_key_sealed).not.toContain(KEY);
      expect(llmOf(t.app.ctx).box.open(row.api_key_sealed as string, workspaceId)).toBe(KEY);
      // sealed for this workspace: it does not open for another, nor under another server secret
      expect(llmOf(t.app.ctx).box.open(row.api_key_sealed as string, crypto.randomUUID())).toBeNull();
      expect(
        createSecretBox('another server secret!!').open(row.api_key_sealed as string, workspaceId),
      ).toBeNull();

      // saving without apiKey keeps it; null removes it
      expect((await save()).body).toMatchObject({ hasApiKey: true });
      expect((await save({ apiKey: null })).body).toMatchObject({ hasApiKey: false });
      expect((await save({ apiKey: KEY })).body).toMatchObject({ hasApiKey: true });

      const bad = await api<{ error: { code: string } }>(t.url, '/api/admin/llm', {
        method: 'PUT',
        cookie: admin,
        body: settings({ baseUrl: 'ftp://example.com', timeoutMs: 5 }),
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    });

    it('never keeps the stored key for a provider on another host: the key must be entered again', async () => {
      await save({ apiKey: KEY });
      const moved = await api<{ error: { code: string } }>(t.url, '/api/admin/llm', {
        method: 'PUT',
        cookie: admin,
        body: settings({ baseUrl: 'https://attacker.example.com/v1' }),
      });
      expect(moved.status).toBe(400);
      expect(moved.body.error.code).toBe('api_key_required');
      // nothing was saved
      expect((await providerNow()).settings.baseUrl).toBe(provider.url);
      // the same host with another path keeps it; another host with a new key, or without any key, is fine
      const samePath = `${provider.url.replace(/\/v1$/, '')}/v2`;
      expect((await save({ baseUrl: samePath })).body).toMatchObject({ hasApiKey: true });
      expect(
        (await save({ baseUrl: 'https://other.example.com/v1', apiKey: 'sk-other-0000' })).body,
      ).toMatchObject({ hasApiKey: true, baseUrl: 'https://other.example.com/v1' });
      expect((await save({ apiKey: null })).body).toMatchObject({ hasApiKey: false });
      expect((await save({ apiKey: KEY })).body).toMatchObject({ hasApiKey: true });
    });

    it('warns at start when LLM_SECRET is unset and a provider key is stored', async () => {
      await save({ apiKey: KEY });
      const warnings: string[] = [];
      const log = { warn: (message: unknown) => warnings.push(String(message)) };
      const start = (llmSecret: string | null) =>
        attachLlmService({
          ...t.app.ctx,
          config: { ...t.app.ctx.config, llmSecret },
          log: log as unknown as typeof t.app.ctx.log,
        });
      await start('a production secret of enough length');
      expect(warnings).toEqual([]);
      await start(null);
      expect(warnings).toEqual([expect.stringContaining('LLM_SECRET')]);
    });

    it("caches embeddings per workspace and provider, and forgets a workspace's when its settings change", async () => {
      await save({ apiKey: KEY });
      const cache = llmOf(t.app.ctx).embeddings;
      const before = provider.calls.length;
      expect(await embedTexts(t.app.ctx, await providerNow(), 'test', ['cache me'])).toHaveLength(1);
      expect(provider.calls.length).toBe(before + 1);
      // again: from the cache
      await embedTexts(t.app.ctx, await providerNow(), 'test', ['cache me']);
      expect(provider.calls.length).toBe(before + 1);
      // another workspace with the same model and text does not get this workspace's vector
      const other = { ...(await providerNow()), workspaceId: crypto.randomUUID() };
      const scope = { baseUrl: provider.url, model: 'loopback-embed' };
      expect(cache.get({ ...scope, workspaceId: other.workspaceId }, 'cache me')).toBeUndefined();
      expect(cache.get({ ...scope, workspaceId }, 'cache me')).toHaveLength(256);
      // saving the settings forgets them
      await save();
      expect(cache.get({ ...scope, workspaceId }, 'cache me')).toBeUndefined();
      // capped in bytes, least recently used dropped first
      const small = createEmbeddingCache(4096);
      const s = { workspaceId, ...scope };
      for (let i = 0; i < 20; i++) small.set(s, `text ${i}`, new Array(64).fill(i));
      expect(small.bytes).toBeLessThanOrEqual(4096);
      expect(small.get(s, 'text 19')?.[0]).toBe(19);
      expect(small.get(s, 'text 0')).toBeUndefined();
    });

    it('tests the connection with the key, and logs the call without any text', async () => {
      await save({ apiKey: KEY });
      provider.script({ kind: 'text', text: 'OK' });
      const before = provider.calls.length;
      const result = await api<{ ok: boolean; sample: string; embeddings: string }>(
        t.url,
        '/api/admin/llm/test',
        {
          method: 'POST',
          cookie: admin,
        },
      );
      expect(result.body).toMatchObject({ ok: true, sample: 'OK', embeddings: 'ok' });
      const sent = provider.calls.slice(before);
      expect(sent[0]?.authorization).toBe(`Bearer ${KEY}`);
      expect(sent[0]?.body.model).toBe('loopback-chat');
      expect(sent.some((c) => c.path === '/v1/embeddings' && c.body.input?.[0] === 'ping')).toBe(true);

      const calls = await api<{ calls: Array<Record<string, unknown>> }>(t.url, '/api/admin/llm/calls', {
        cookie: admin,
      });
      expect(calls.body.calls[0]).toMatchObject({ outcome: 'ok', model: expect.any(String) });
      const logged = JSON.stringify(await t.app.ctx.store.db.selectFrom('llm_calls').selectAll().execute());
      expect(logged).not.toContain('ping');
      expect(logged).not.toContain(KEY);
    });

    it('masks phones, ID numbers, bank cards and e-mail before text leaves, and puts them back in the answer', async () => {
      await save({ apiKey: KEY });
      const text =
        '我的手机 13812345678，身份证 11010519491231002X，卡号 6222 0212 3456 7890 128? mail li.na@example.com, call +1 415-555-0100';
      provider.script({ kind: 'text', text: '好的，我们会联系 [PHONE_1] 和 [EMAIL_1]。' });
      const before = provider.calls.length;
      const result = await complete(t.app.ctx, await providerNow(), 'test', [
        { role: 'user', content: text },
      ]);
      const sent = JSON.stringify(provider.calls.slice(before));
      for (const secret of [
        '13812345678',
        '11010519491231002X',
        '6222 0212 3456 7890 128',
        'li.na@example.com',
        '415-555-0100',
      ])
        expect(sent).not.toContain(secret);
      expect(sent).toContain('[PHONE_1]');
      expect(sent).toContain('[EMAIL_1]');
      expect(result).toMatchObject({ ok: true, text: '好的，我们会联系 13812345678 和 li.na@example.com。' });
    });

    it('masks what it should and leaves prices, dates and order numbers alone', () => {
      const masker = createMasker();
      expect(masker.mask('订单 20240101 退款 199 元，7 天内')).toBe('订单 20240101 退款 199 元，7 天内');
      expect(masker.mask('card 4111111111111111 and 4111111111111112')).toBe(
        'card [CARD_1] and 4111111111111112',
      );
      expect(masker.mask('联系 010-12345678')).toBe('联系 [PHONE_1]');
    });

    it('streams: the text arrives piece by piece and the whole answer is returned', async () => {
      await save({ apiKey: KEY });
      provider.script({ kind: 'stream', chunks: ['退货', '运费', '由商家承担 ', '[PHONE_1]'] });
      const seen: string[] = [];
      const result = await complete(
        t.app.ctx,
        await providerNow(),
        'test',
        [{ role: 'user', content: '电话 13912345678' }],
        { onText: (soFar) => seen.push(soFar) },
      );
      expect(result).toMatchObject({ ok: true, text: '退货运费由商家承担 13912345678' });
      expect(seen).toEqual(['退货', '退货运费', '退货运费由商家承担 ', '退货运费由商家承担 13912345678']);
      expect(provider.chatCalls().at(-1)?.body.stream).toBe(true);
    });

    it('cuts off an answer far longer than asked for, or a body too large, without blaming the provider', async () => {
      await save({ apiKey: KEY });
      const ask = (maxTokens?: number, onText?: (soFar: string) => void) =>
        providerNow().then((p) =>
          complete(t.app.ctx, p, 'test', [{ role: 'user', content: 'hi' }], {
            ...(maxTokens ? { maxTokens } : {}),
            ...(onText ? { onText } : {}),
          }),
        );
      provider.script({ kind: 'text', text: 'x'.repeat(1000) });
      expect(await ask(8)).toEqual({ ok: false, outcome: 'bad_response' });
      provider.script({ kind: 'stream', chunks: Array.from({ length: 30 }, () => 'y'.repeat(10)) });
      const seen: string[] = [];
      expect(await ask(8, (soFar) => seen.push(soFar))).toEqual({ ok: false, outcome: 'bad_response' });
      expect(seen.at(-1)?.length ?? 0).toBeLessThanOrEqual(64);
      provider.script({ kind: 'text', text: 'z'.repeat(1_100_000) });
      expect(await ask()).toEqual({ ok: false, outcome: 'bad_response' });
      expect(llmOf(t.app.ctx).breaker.state(workspaceId)).toBe('closed');
      provider.script({ kind: 'text', text: 'short' });
      expect(await ask(8)).toMatchObject({ ok: true, text: 'short' });
    });

    it('reserves the budget before a call: calls at the same time cannot spend past it, and settle at the real count', async () => {
      const llm = llmOf(t.app.ctx);
      const messages = [{ role: 'user' as const, content: 'hi' }];
      // what a call can cost at most: the prompt's estimate and the answer's limit
      const reservation = estimatePromptTokens(messages) + 100;
      const used = await llm.repo.tokensToday(workspaceId);
      // room for three calls' reservations, not four
      // (no embedding model: nothing is embedded in the background meanwhile)
      const saved = await save({
        apiKey: KEY,
        embeddingModel: null,
        dailyTokenBudget: used + 3 * reservation + 50,
      });
      expect(saved.status).toBe(200);
      const p = await providerNow();
      provider.always({ kind: 'text', text: 'fine', usage: { prompt: 30, completion: 40 } });
      provider.hold();
      const before = provider.chatCalls().length;
      const calls = Array.from({ length: 8 }, () =>
        complete(t.app.ctx, p, 'test', messages, { maxTokens: 100 }),
      );
      // the calls refused (or a fourth let through) before the three in flight finish
      const refused = new Promise<void>((resolve) => {
        let count = 0;
        for (const call of calls) void call.then((r) => (!r.ok && ++count === 5 ? resolve() : undefined));
      });
      let inFlight: number;
      try {
        await provider.received(before + 3, 'chat');
        await Promise.race([refused, provider.received(before + 4, 'chat')]);
        inFlight = await llm.repo.tokensToday(workspaceId);
      } finally {
        provider.release();
      }
      // the three in flight held their reservations (nobody else could spend them)
      expect(inFlight).toBe(used + 3 * reservation);
      const results = await Promise.all(calls);
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(results.filter((r) => !r.ok)).toEqual(
        Array.from({ length: 5 }, () => ({ ok: false, outcome: 'budget' })),
      );
      expect(provider.chatCalls().length).toBe(before + 3);
      // settled at what the provider counted (30 + 40 each), within the budget
      expect(await llm.repo.tokensToday(workspaceId)).toBe(used + 3 * 70);

      // a call that fails before writing anything gives its reservation back
      provider.always({ kind: 'text', text: 'OK' });
      provider.script({ kind: 'error', status: 400 });
      expect(await complete(t.app.ctx, p, 'test', messages, { maxTokens: 100 })).toEqual({
        ok: false,
        outcome: 'http_error',
      });
      expect(await llm.repo.tokensToday(workspaceId)).toBe(used + 3 * 70);
      // a stream stopped after it wrote something counts what it wrote (the provider bills it)
      provider.script({ kind: 'stream', chunks: ['partial answer. ', 'the rest'], chunkDelayMs: 20 });
      const stop = new AbortController();
      const seen: string[] = [];
      const cut = await complete(t.app.ctx, p, 'test', messages, {
        maxTokens: 100,
        signal: stop.signal,
        onText: (soFar) => {
          seen.push(soFar);
          stop.abort();
        },
      });
      expect(cut).toEqual({ ok: false, outcome: 'stopped' });
      expect(seen).toEqual(['partial answer. ']);
      expect(await llm.repo.tokensToday(workspaceId)).toBe(
        used + 3 * 70 + estimatePromptTokens(messages) + estimateTokens('partial answer. '),
      );
    });

    it('gives up after the timeout, counts the budget, and opens the circuit after repeated failures', async () => {
      await save({ apiKey: KEY, timeoutMs: 500 });
      provider.script({ kind: 'hang' });
      expect(
        await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }]),
      ).toEqual({
        ok: false,
        outcome: 'timeout',
      });

      // a refusal of one request (400, 403, 422: a content filter, a bad parameter) says the provider is up:
      // however many, the circuit stays closed
      await save({ apiKey: KEY });
      provider.script(
        { kind: 'error', status: 400 },
        { kind: 'error', status: 400 },
        { kind: 'error', status: 422 },
        { kind: 'error', status: 403 },
      );
      for (let i = 0; i < 4; i++)
        await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }]);
      expect(llmOf(t.app.ctx).breaker.state(workspaceId)).toBe('closed');

      // errors (5xx, 429): three in a row open the circuit; then the provider is not called at all
      await save({ apiKey: KEY });
      provider.script(
        { kind: 'error', status: 429 },
        { kind: 'error', status: 502 },
        { kind: 'error', status: 503 },
      );
      for (let i = 0; i < 3; i++) {
        expect(
          await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }]),
        ).toEqual({
          ok: false,
          outcome: 'http_error',
        });
      }
      const before = provider.calls.length;
      expect(
        await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }]),
      ).toEqual({
        ok: false,
        outcome: 'circuit_open',
      });
      expect(await embedTexts(t.app.ctx, await providerNow(), 'test', ['new text'])).toBeNull();
      expect(provider.calls.length).toBe(before);
      const view = await api<{ circuit: string }>(t.url, '/api/admin/llm', { cookie: admin });
      expect(view.body.circuit).toBe('open');

      // saving settings closes it; a budget already spent stops calls before they leave
      const used = await llmOf(t.app.ctx).repo.tokensToday(workspaceId);
      await save({ apiKey: KEY, dailyTokenBudget: used + 20 });
      provider.script({ kind: 'text', text: 'fine', usage: { prompt: 15, completion: 10 } });
      // (what a call may cost at most, its prompt and its 8 tokens of answer, fits in the 20 left)
      expect(
        await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }], {
          maxTokens: 8,
        }),
      ).toMatchObject({
        ok: true,
      });
      const calls = provider.calls.length;
      expect(
        await complete(t.app.ctx, await providerNow(), 'test', [{ role: 'user', content: 'hi' }], {
          maxTokens: 8,
        }),
      ).toEqual({
        ok: false,
        outcome: 'budget',
      });
      expect(provider.calls.length).toBe(calls);
      const outcomes = (await llmOf(t.app.ctx).repo.recentCalls(workspaceId, 20)).map((c) => c.outcome);
      expect(outcomes).toEqual(
        expect.arrayContaining(['timeout', 'http_error', 'circuit_open', 'budget', 'ok']),
      );
    });
  },
);
