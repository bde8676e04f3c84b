import type { MessageView } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload } from './documentsFixtures.ts';
import {
  api,
  clientId,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

const MANUAL = `# 咖啡机使用手册

## 清洁与除垢
咖啡机每三个月需要除垢一次：在水箱中加入除垢剂，按住清洁键三秒。
`;

describe('agent assist with the language model: summaries, reply drafts, draft rewrites', () => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let admin: string;
  let agent: string;
  let conversationId: string;

  const save = (enabled: boolean, features: Record<string, unknown> = {}) =>
    api(t.url, '/api/admin/llm', {
      method: 'PUT',
      cookie: admin,
      body: {
        enabled,
        baseUrl: provider.url,
        chatModel: 'loopback-chat',
        embeddingModel: null,
        timeoutMs: 30_000,
        dailyTokenBudget: 1_000_000,
        features,
      },
    });

  beforeAll(async () => {
    provider = await startLoopbackProvider();
    t = await startTestApp('pglite', { llmProviderAllowPrivate: true });
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    agent = await loginCookie(t.url, 'agent1@tandem.demo');
    expect((await upload(t.url, admin, 'coffee.md', MANUAL)).status).toBe(201);
    const { socket } = await newCustomer(t, 'zh');
    const reply = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    await emit(socket, 'message:send', {
      clientId: clientId(),
      text: '咖啡机多久除垢？我的邮箱 wang@example.com',
    });
    conversationId = (await reply).conversationId;
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('without a model: the extractive summary, document passages as drafts, and no rewrite', async () => {
    await save(false);
    const summary = await api<{ text: string; via: string }>(
      t.url,
      `/api/conversations/${conversationId}/summary?lang=zh`,
      { cookie: agent },
    );
    expect(summary.status).toBe(200);
    expect(summary.body.via).toBe('extractive');
    expect(summary.body.text.length).toBeGreaterThan(0);
    const drafts = await api<{ drafts: Array<{ text: string; sources: Array<{ title: string }> }> }>(
      t.url,
      `/api/conversations/${conversationId}/reply-drafts`,
      { cookie: agent },
    );
    expect(drafts.body.drafts[0]?.text).toContain('每三个月需要除垢一次');
    expect(drafts.body.drafts[0]?.sources[0]?.title).toBe('咖啡机使用手册');
    const rewrite = await api<{ error: { code: string } }>(
      t.url,
      `/api/conversations/${conversationId}/draft/rewrite`,
      {
        cookie: agent,
        body: { text: '三个月除垢一次。', action: 'warmer' },
      },
    );
    expect(rewrite.status).toBe(503);
    expect(rewrite.body.error.code).toBe('llm_unavailable');
  });

  it('with a model: summary and a grounded draft, the transcript masked before it leaves', async () => {
    await save(true);
    provider.script({ kind: 'text', text: '客户想知道咖啡机多久除垢，联系邮箱 [EMAIL_1]。' });
    const before = provider.calls.length;
    const summary = await api<{ text: string; via: string }>(
      t.url,
      `/api/conversations/${conversationId}/summary?lang=zh`,
      { cookie: agent },
    );
    expect(summary.body).toEqual({
      text: '客户想知道咖啡机多久除垢，联系邮箱 wang@example.com。',
      via: 'model',
    });
    const sent = JSON.stringify(provider.calls.slice(before));
    expect(sent).not.toContain('wang@example.com');
    expect(sent).toContain('[EMAIL_1]');

    provider.script({ kind: 'text', text: '您好，咖啡机每三个月需要除垢一次，按住清洁键三秒即可。' });
    const drafts = await api<{ drafts: Array<{ text: string; sources: Array<{ title: string }> }> }>(
      t.url,
      `/api/conversations/${conversationId}/reply-drafts`,
      { cookie: agent },
    );
    expect(drafts.body.drafts).toHaveLength(1);
    expect(drafts.body.drafts[0]?.text).toContain('每三个月需要除垢一次');
    expect(drafts.body.drafts[0]?.sources.some((s) => s.title === '咖啡机使用手册')).toBe(true);
    const call = provider.chatCalls().at(-1);
    expect(call?.body.messages?.[0]?.content).toContain('每三个月需要除垢一次');
  });

  it("rewrites the agent's draft warmer, more concise or translated, never adding facts", async () => {
    await save(true);
    const rewrite = (text: string, action: string, target?: string) =>
      api<{ text?: string; error?: { code: string } }>(
        t.url,
        `/api/conversations/${conversationId}/draft/rewrite`,
        {
          cookie: agent,
          body: { text, action, ...(target ? { target } : {}) },
        },
      );
    provider.script({ kind: 'text', text: '非常理解您的心情！咖啡机每三个月除垢一次就好。' });
    expect((await rewrite('三个月除垢一次。', 'warmer')).body.text).toBe(
      '非常理解您的心情！咖啡机每三个月除垢一次就好。',
    );
    expect(provider.chatCalls().at(-1)?.body.messages?.[0]?.content).toMatch(/warmer/);
    provider.script({ kind: 'text', text: 'Descale the machine every three months.' });
    expect((await rewrite('咖啡机每三个月除垢一次。', 'translate', 'en')).body.text).toBe(
      'Descale the machine every three months.',
    );
    // a rewrite that promises a refund the draft never mentioned is refused; the draft stays
    provider.script({ kind: 'text', text: '三个月除垢一次，我们还会给您退款。' });
    const refused = await rewrite('三个月除垢一次。', 'concise');
    expect(refused.status).toBe(503);
    expect(refused.body.error?.code).toBe('llm_unavailable');
    // another workspace's conversation is not found; bad input is rejected
    expect((await rewrite('x', 'shout')).status).toBe(400);
    const other = await api(t.url, `/api/conversations/${crypto.randomUUID()}/draft/rewrite`, {
      cookie: agent,
      body: { text: 'x', action: 'warmer' },
    });
    expect(other.status).toBe(404);
  });
});
