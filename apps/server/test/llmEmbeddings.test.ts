import { type ConversationEngine, conceptEmbedding } from '@tandem/engine';
import type { MessageView } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareIndex } from '../src/llm/botEmbeddings.ts';
import { type ActiveProvider, activeProvider } from '../src/llm/gateway.ts';
import { llmOf } from '../src/llm/service.ts';
import {
  api,
  clientId,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';
import { type LoopbackProvider, startLoopbackProvider } from './llmLoopback.ts';

/** Paraphrases with words the knowledge base never uses; the loopback "model" knows what they mean. */
const PARAPHRASE = 'passcode slipped my mind';
const MEANING = new Map([
  [PARAPHRASE, 'account.forgot-password'],
  ['my passcode slipped', 'account.forgot-password'],
  ['that passcode slipped my mind again', 'account.forgot-password'],
  ['the passcode went out of my head', 'account.forgot-password'],
]);

describe('embeddings as extra features of the bot (loopback provider with deterministic embeddings)', () => {
  let t: TestApp;
  let provider: LoopbackProvider;
  let admin: string;
  let answer: string;
  let workspaceId: string;
  // what each phrasing of the bot means (its entry), filled once the bot is built
  const phrasings = new Map<string, string>();

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
        features: { groundedAnswers: false },
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
  const index = async () =>
    prepareIndex(
      t.app.ctx,
      (await activeProvider(t.app.ctx, workspaceId)) as ActiveProvider,
      await t.app.ctx.bots.forWorkspace(workspaceId),
    );

  beforeAll(async () => {
    provider = await startLoopbackProvider({
      // a stand-in for a pretrained encoder: every phrasing and paraphrase near its entry's direction
      embed: (text) => conceptEmbedding(text, phrasings.get(text) ?? MEANING.get(text) ?? null),
    });
    // a deadline no answer of the loopback provider reaches, however busy the machine: the turns that should use
    // the embedding always get it (the hang test shortens it for itself)
    t = await startTestApp('pglite', { llmProviderAllowPrivate: true, llmEmbedDeadlineMs: EVENT_TIMEOUT_MS });
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    const workspace = (await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string };
    workspaceId = workspace.id;
    for (const p of (await t.app.ctx.bots.forWorkspace(workspaceId)).semanticTraining().phrasings)
      phrasings.set(p.text, p.key);
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

  it('with embeddings the classifier understands it: phrasings embedded once, in batches, in the background', async () => {
    await save('loopback-embed');
    // the first turn never waits for the phrasings to be embedded: the classical engine answers meanwhile
    const first = await ask(PARAPHRASE);
    expect(first.text).not.toBe(answer);
    const built = await (await index()).building;
    expect(built?.size).toBeGreaterThan(10);
    // weighed against the classifier's own held-out predictions: this encoder helps, so it counts
    expect(built?.calibration.heldOut?.samples).toBeGreaterThan(10);
    expect(built?.calibration.exponent).toBeGreaterThan(0);
    const reply = await ask(PARAPHRASE);
    expect(reply.text).toBe(answer);
    const inputs = embeddingInputs();
    // every phrasing of the bot in batches of 10, then the message alone
    expect(inputs.some((batch) => batch.length === 10)).toBe(true);
    expect(inputs.at(-1)).toEqual([PARAPHRASE]);
    const before = embeddingInputs().length;
    const again = await ask('my passcode slipped');
    expect(again.text).toBe(answer);
    // the knowledge did not change: only the new message was embedded
    expect(embeddingInputs().slice(before)).toEqual([['my passcode slipped']]);
    // and a message the bot knew already still gets its own answer
    const known = await ask('How do I reset my password?');
    expect(known.text).toBe(answer);
  });

  it('builds one index at a time per workspace; a bot changed meanwhile is built after it, and wins', async () => {
    await save('loopback-embed');
    const active = (await activeProvider(t.app.ctx, workspaceId)) as ActiveProvider;
    const bot = (tag: string) =>
      ({
        semanticTraining: () => ({
          phrasings: Array.from({ length: 12 }, (_, i) => ({
            key: `${tag}-${i % 3}`,
            text: `${tag} phrasing ${i}`,
          })),
        }),
      }) as unknown as ConversationEngine;
    const first = prepareIndex(t.app.ctx, active, bot('first'));
    const second = prepareIndex(t.app.ctx, active, bot('second'));
    // (the second waits for the first instead of building beside it)
    expect(llmOf(t.app.ctx).caches.building.size).toBe(1);
    const [a, b] = await Promise.all([first.building, second.building]);
    expect(a?.has('first-0')).toBe(true);
    expect(b?.has('second-0')).toBe(true);
    expect(prepareIndex(t.app.ctx, active, bot('second')).ready).toBe(b);
  });

  it('answers as the classical engine does when the provider fails', async () => {
    await save('loopback-embed');
    await (await index()).building;
    provider.failEmbeddings(500);
    const reply = await ask('that passcode slipped my mind again');
    expect(reply.text).not.toBe(answer);
    expect(reply.text.length).toBeGreaterThan(0);
    provider.failEmbeddings(null);
  });

  it('does not wait for a provider that hangs longer than LLM_EMBED_DEADLINE_MS', async () => {
    await save('loopback-embed');
    await (await index()).building;
    provider.hangEmbeddings(true);
    t.app.ctx.config.llmEmbedDeadlineMs = 300;
    try {
      const reply = await ask('the passcode went out of my head');
      expect(reply.text).not.toBe(answer);
      expect(reply.text.length).toBeGreaterThan(0);
    } finally {
      t.app.ctx.config.llmEmbedDeadlineMs = EVENT_TIMEOUT_MS;
      provider.hangEmbeddings(false);
    }
  });
});
