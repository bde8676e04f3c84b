import type { MessageView } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareExamples } from '../src/llm/botEmbeddings.ts';
import { type ActiveProvider, activeProvider } from '../src/llm/gateway.ts';
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

/** A paraphrase with words the knowledge base never uses; the loopback model knows two of them as synonyms. */
const PARAPHRASE = 'passcode slipped my mind';

describe('embeddings as an extra feature of the bot (loopback provider with deterministic embeddings)', () => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let admin: string;
  let answer: string;
  let workspaceId: string;

  const save = (embeddingModel: string | null) =>
    api(t.url, '/api/admin/llm', {
      method: 'PUT',
      cookie: admin,
      body: {
        enabled: true,
        baseUrl: provider.url,
        chatModel: 'loopback-chat',
        embeddingModel,
        timeoutMs: 30_000,
        dailyTokenBudget: 10_000_000,
        features: { groundedAnswers: false, embeddingThreshold: 0.7 },
      },
    });
  const ask = async (text: string) => {
    const { socket } = await newCustomer(t, 'en');
    const reply = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    expect((await emit(socket, 'message:send', { clientId: clientId(), text })).ok).toBe(true);
    return reply;
  };
  const embeddingInputs = () =>
    provider.calls.filter((c) => c.path.endsWith('/embeddings')).map((c) => c.body.input ?? []);

  beforeAll(async () => {
    provider = await startLoopbackProvider({
      aliases: new Map([
        ['passcode', 'password'],
        ['slipped', 'forgot'],
      ]),
    });
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    const workspace = (await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string };
    workspaceId = workspace.id;
    const entry = (await t.app.ctx.store.knowledge.list(workspace.id)).find(
      (e) => e.id === 'account.forgot-password',
    );
    answer = entry?.answer.en as string;
    expect(answer).toBeTruthy();
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('the classical engine alone does not understand the paraphrase', async () => {
    await save(null);
    const reply = await ask(PARAPHRASE);
    expect(reply.text).not.toBe(answer);
    expect(embeddingInputs()).toEqual([]);
  });

  it('with embeddings it answers, phrasings embedded once in batches (in the background) and cached', async () => {
    await save('loopback-embed');
    // the first turn never waits for the knowledge to be embedded: it answers as the classical engine does
    // and the phrasings are embedded in the background
    const first = await ask(PARAPHRASE);
    expect(first.text).not.toBe(answer);
    const active = (await activeProvider(t.app.ctx, workspaceId)) as ActiveProvider;
    expect((await prepareExamples(t.app.ctx, active).building)?.examples.length).toBeGreaterThan(10);
    const reply = await ask(PARAPHRASE);
    expect(reply.text).toBe(answer);
    const inputs = embeddingInputs();
    // every phrasing of the knowledge base in batches of 10, then the message alone
    expect(inputs.some((batch) => batch.length === 10)).toBe(true);
    expect(inputs.at(-1)).toEqual([PARAPHRASE]);
    await prepareExamples(t.app.ctx, active).building;
    const before = embeddingInputs().length;
    const again = await ask('my passcode slipped');
    expect(again.text).toBe(answer);
    // the knowledge did not change: only the new message was embedded
    expect(embeddingInputs().slice(before)).toEqual([['my passcode slipped']]);
  });

  it('answers as the classical engine does when the provider cannot give embeddings', async () => {
    await save('loopback-embed');
    provider.failEmbeddings(500);
    const reply = await ask('that passcode slipped my mind again');
    expect(reply.text).not.toBe(answer);
    expect(reply.text.length).toBeGreaterThan(0);
    provider.failEmbeddings(null);
  });
});
