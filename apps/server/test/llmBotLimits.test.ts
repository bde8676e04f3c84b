import type { MessageView } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { llmOf } from '../src/llm/service.ts';
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
咖啡机每三个月需要除垢一次：在水箱中加入除垢剂，按住清洁键三秒，机器会自动完成除垢。
`;
const QUESTION = '咖啡机多久需要除垢一次？';

describe('a slow provider cannot hold the bot: a cap per workspace and a deadline per bot turn', () => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let admin: string;
  let workspaceId: string;

  const ask = async (text: string) => {
    const { socket } = await newCustomer(t, 'zh');
    const reply = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    expect((await emit(socket, 'message:send', { clientId: clientId(), text })).ok).toBe(true);
    return reply;
  };

  beforeAll(async () => {
    provider = await startLoopbackProvider();
    t = await startTestApp('pglite', {
      llmBotConcurrency: 1,
      llmBotDeadlineMs: 1000,
      llmProviderAllowPrivate: true,
    });
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    workspaceId = ((await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string }).id;
    const saved = await api(t.url, '/api/admin/llm', {
      method: 'PUT',
      cookie: admin,
      body: {
        enabled: true,
        baseUrl: provider.url,
        chatModel: 'loopback-chat',
        embeddingModel: null,
        apiKey: 'sk-loopback',
        // the provider's own timeout is long: the bot turn's deadline is what ends the wait
        timeoutMs: 60_000,
        dailyTokenBudget: 1_000_000,
        features: {},
      },
    });
    expect(saved.status).toBe(200);
    expect((await upload(t.url, admin, 'coffee.md', MANUAL)).status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('beyond the cap the passage answers at once; a hanging call gives way to the passage at the deadline', async () => {
    provider.script({ kind: 'hang' });
    const before = provider.chatCalls().length;
    const slow = ask(QUESTION);
    // the first customer's turn is waiting for the model
    await provider.received(provider.calls.length + 1);
    expect(provider.chatCalls().length).toBe(before + 1);
    expect(llmOf(t.app.ctx).botCalls.get(workspaceId)).toBe(1);
    // a second customer meanwhile: over the cap, the passage answers without calling the model
    const quick = await ask(QUESTION);
    expect(quick.text).toContain('每三个月需要除垢一次');
    expect(quick.sources?.[0]?.title).toBe('咖啡机使用手册');
    expect(provider.chatCalls().length).toBe(before + 1);
    // the first one is answered by the passage once the bot turn's deadline passes (not the 60 s timeout)
    const first = await slow;
    expect(first.text).toContain('每三个月需要除垢一次');
    const outcomes = (await llmOf(t.app.ctx).repo.recentCalls(workspaceId, 1)).map((c) => c.outcome);
    expect(outcomes).toEqual(['timeout']);
    expect(llmOf(t.app.ctx).botCalls.get(workspaceId)).toBeUndefined();
    // with the slot free again the model answers
    provider.script({ kind: 'text', text: '咖啡机每三个月需要除垢一次 [1]。' });
    expect((await ask(QUESTION)).text).toBe('咖啡机每三个月需要除垢一次 [1]。');
    expect(provider.chatCalls().length).toBe(before + 2);
  });
});
