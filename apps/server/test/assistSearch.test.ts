import { randomUUID } from 'node:crypto';
import type {
  AgentConversation,
  AssistResponse,
  ConversationSearchResponse,
  MessageView,
  WidgetConversation,
} from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoKnowledge } from '../src/demo/seed.ts';
import { hashPassword } from '../src/services/tokens.ts';
import { api, clientId, connect, emit, loginCookie, startTestApp, type TestApp, waitFor } from './harness.ts';

type ErrorReply = { error: { code: string; details?: Array<{ path: string }> } };

describe('agent assist and conversation search', () => {
  let t: TestApp;
  const cookies = { admin: '', agent1: '', agent2: '', expert: '', outsider: '' };
  const agent2Id = { value: '' };
  const knowledge = loadDemoKnowledge();

  beforeAll(async () => {
    t = await startTestApp();
    const store = t.app.ctx.store;
    const other = await store.setup.createWorkspace({ slug: 'assist-other', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: other,
      email: 'admin@assist-other.test',
      name: 'Other admin',
      role: 'admin',
      passwordHash: await hashPassword('tandem-demo'),
      locale: 'en',
    });
    for (const [who, email] of [
      ['admin', 'admin@tandem.demo'],
      ['agent1', 'agent1@tandem.demo'],
      ['agent2', 'agent2@tandem.demo'],
      ['expert', 'expert@tandem.demo'],
      ['outsider', 'admin@assist-other.test'],
    ] as const)
      cookies[who] = await loginCookie(t.url, email);
    agent2Id.value = (
      await api<{ me: { id: string } }>(t.url, '/api/auth/me', { cookie: cookies.agent2 })
    ).body.me.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** a customer with a name and attributes, and their socket */
  async function customer(locale: 'zh' | 'en', name?: string, attributes?: Record<string, string>) {
    const session = await api<{ visitorToken: string }>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', locale, ...(name ? { name } : {}), ...(attributes ? { attributes } : {}) },
    });
    return connect(t, '/widget', { token: session.body.visitorToken });
  }

  /** the customer writes and the bot answers; the conversation's id */
  async function ask(socket: Socket, text: string): Promise<string> {
    const answered = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    const sent = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    await answered;
    return sent.data.message.conversationId;
  }

  const assist = (id: string, cookie = cookies.agent1) =>
    api<AssistResponse & ErrorReply>(t.url, `/api/conversations/${id}/assist`, { cookie });

  describe('assist', () => {
    it('offers the demo answer to a Chinese question, in Chinese', async () => {
      const socket = await customer('zh');
      const id = await ask(socket, '退款多久能到账？');
      const res = await assist(id);
      expect(res.status).toBe(200);
      expect(res.body.lang).toBe('zh');
      expect(res.body.messageSeq).toBe(1);
      expect(res.body.suggestions.length).toBeGreaterThan(0);
      expect(res.body.suggestions.length).toBeLessThanOrEqual(3);
      const [best] = res.body.suggestions;
      const entry = knowledge.find((e) => e.id === 'refunds.time');
      expect(best).toMatchObject({
        entryId: 'refunds.time',
        answer: entry?.answer.zh,
        question: entry?.questions.zh[0],
      });
      expect(best?.score).toBeGreaterThan(0);
      expect(best?.score).toBeLessThanOrEqual(1);
      const scores = res.body.suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    });

    it('offers the demo answer to an English question, in English, for any staff role', async () => {
      const socket = await customer('en');
      const id = await ask(socket, 'How long do refunds take?');
      for (const cookie of [cookies.agent2, cookies.expert, cookies.admin]) {
        const res = await assist(id, cookie);
        expect(res.body.lang).toBe('en');
        expect(res.body.suggestions[0]).toMatchObject({
          entryId: 'refunds.time',
          answer: knowledge.find((e) => e.id === 'refunds.time')?.answer.en,
        });
      }
      // the customer's last message counts
      const again = await ask(socket, 'How do I get an invoice?');
      expect(again).toBe(id);
      const res = await assist(id);
      expect(res.body.messageSeq).toBeGreaterThan(2);
      expect(res.body.suggestions[0]?.entryId).toBe('invoices.request');
    });

    it('offers nothing before the customer wrote, or for words the bot cannot place', async () => {
      const socket = await customer('zh');
      const handed = await emit<{ conversation: WidgetConversation }>(socket, 'handoff:request', {});
      if (!handed.ok) throw new Error(JSON.stringify(handed.error));
      const empty = await assist(handed.data.conversation.id);
      expect(empty.body).toEqual({ lang: 'zh', messageSeq: null, suggestions: [] });

      const other = await customer('en');
      const id = await ask(other, 'zxqv wibble plonk');
      const res = await assist(id);
      expect(res.status).toBe(200);
      expect(res.body.suggestions).toEqual([]);
    });

    it('keeps conversations of other workspaces out of reach', async () => {
      const socket = await customer('zh');
      const id = await ask(socket, '怎么开发票');
      const outsider = await assist(id, cookies.outsider);
      expect([outsider.status, outsider.body.error.code]).toEqual([404, 'conversation_not_found']);
      expect((await assist(randomUUID())).body.error.code).toBe('conversation_not_found');
      expect((await assist('not-a-uuid')).status).toBe(400);
      expect((await api(t.url, `/api/conversations/${id}/assist`)).status).toBe(401);
    });
  });

  describe('search', () => {
    const run = randomUUID().slice(0, 8);
    const ids = { refund: '', bob: '', invoice: '' };
    const started = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

    const search = (query: string, cookie = cookies.agent1) =>
      api<ConversationSearchResponse & ErrorReply>(t.url, `/api/conversations/search?${query}`, { cookie });
    const found = async (query: string, cookie = cookies.agent1) => {
      const res = await search(query, cookie);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.results.map((r) => r.id);
    };
    const q = (params: Record<string, string>) => new URLSearchParams(params).toString();

    beforeAll(async () => {
      const wang = await customer('zh', '王芳', { email: `wang.${run}@example.com` });
      ids.refund = await ask(wang, `我的退款还没到账，订单 TM${run}`);
      const bob = await customer('en', 'Bob Smith', { email: `bob.${run}@example.com` });
      ids.bob = await ask(bob, 'Where is my REFUND? It has been a week');
      const li = await customer('zh', '李雷', { email: `li.${run}@example.com` });
      ids.invoice = await ask(li, '发票怎么开');
      // an internal note between staff
      const note = await api(t.url, `/api/conversations/${ids.invoice}/messages`, {
        cookie: cookies.agent1,
        body: { clientId: clientId(), text: `客户很着急，请优先处理 ${run}`, internal: true },
      });
      expect(note.status).toBe(201);
      // Bob waits for a person; agent2, online (an offline person's conversations go back to the queue), takes him
      await connect(t, '/agent', { cookie: cookies.agent2 });
      const handed = await emit(bob, 'handoff:request', {});
      expect(handed.ok).toBe(true);
      const accepted = await api<{ conversation: AgentConversation }>(
        t.url,
        `/api/conversations/${ids.bob}/accept`,
        {
          cookie: cookies.agent2,
          body: {},
        },
      );
      expect(accepted.body.conversation?.assignee?.id).toBe(agent2Id.value);
      // 王芳's ends with a disposition tag
      const resolved = await api(t.url, `/api/conversations/${ids.refund}/resolve`, {
        cookie: cookies.admin,
        body: { disposition: [`refunded-${run}`] },
      });
      expect(resolved.status).toBe(200);
    });

    it('finds Chinese text, with a snippet around it', async () => {
      const res = await search(q({ q: `还没到账，订单 TM${run}` }));
      expect(res.body.results.map((r) => r.id)).toEqual([ids.refund]);
      const [hit] = res.body.results;
      expect(hit).toMatchObject({
        id: ids.refund,
        status: 'resolved',
        customer: { name: '王芳' },
        tags: [],
        disposition: [`refunded-${run}`],
      });
      expect(hit?.match?.snippet).toContain(`还没到账，订单 TM${run}`);
      expect(Array.from(hit?.match?.snippet ?? '').length).toBeLessThanOrEqual(160);
      expect(hit?.match).toMatchObject({ seq: 1, authorKind: 'customer', internal: false });
      expect(Date.parse(hit?.lastActivityAt ?? '')).toBeGreaterThan(Date.parse(started));
    });

    it('finds internal notes, English text in any case, and combines filters', async () => {
      const note = await search(q({ q: `优先处理 ${run}` }));
      expect(note.body.results.map((r) => r.id)).toEqual([ids.invoice]);
      expect(note.body.results[0]?.match).toMatchObject({ authorKind: 'agent', internal: true });
      expect(await found(q({ q: 'refund', customer: `bob.${run}` }))).toEqual([ids.bob]);
      expect(await found(q({ q: 'REFUND', customer: `${run}@example.com` }))).toEqual([ids.bob]);
      expect(await found(q({ q: '退款', customer: `${run}@example.com` }))).toEqual([ids.refund]);
    });

    it('filters by customer, tag, person, status and date, newest activity first', async () => {
      const mine = `${run}@example.com`;
      const all = await found(q({ customer: mine }));
      expect([...all].sort()).toEqual(Object.values(ids).sort());
      expect(await found(q({ customer: '王芳', q: run }))).toEqual([ids.refund]);
      expect(await found(q({ customer: 'BOB SMITH' }))).toContain(ids.bob);
      expect(await found(q({ tag: `refunded-${run}` }))).toEqual([ids.refund]);
      expect(await found(q({ agentId: agent2Id.value, customer: mine }))).toEqual([ids.bob]);
      const bob = (await search(q({ agentId: agent2Id.value, customer: mine }))).body.results[0];
      expect(bob).toMatchObject({
        status: 'assigned',
        assignee: { name: 'Li Na 李娜' },
        lastAgent: { name: 'Li Na 李娜' },
      });
      expect(bob?.match).toBeNull();
      expect(await found(q({ status: 'resolved', customer: mine }))).toEqual([ids.refund]);
      expect(await found(q({ status: 'bot', customer: mine }))).toEqual([ids.invoice]);

      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const today = new Date().toISOString();
      expect(await found(q({ customer: mine, from: started, to: tomorrow }))).toHaveLength(3);
      expect(await found(q({ customer: mine, to: started }))).toEqual([]);
      expect(await found(q({ customer: mine, from: tomorrow }))).toEqual([]);
      expect(await found(q({ q: `TM${run}`, from: started, to: tomorrow }))).toEqual([ids.refund]);
      expect(await found(q({ q: `TM${run}`, from: today }))).toEqual([]);
      const times = (await search(q({ customer: mine }))).body.results.map((r) =>
        Date.parse(r.lastActivityAt),
      );
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('pages with a cursor, without gaps or repeats', async () => {
      const mine = `${run}@example.com`;
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Awaited<ReturnType<typeof search>> = await search(
          q({ customer: mine, limit: '1', ...(cursor ? { cursor } : {}) }),
        );
        expect(res.body.results).toHaveLength(1);
        seen.push(...res.body.results.map((r) => r.id));
        cursor = res.body.nextCursor;
      } while (cursor && seen.length < 10);
      expect(seen).toEqual(await found(q({ customer: mine })));
      expect(new Set(seen).size).toBe(3);
    });

    it('answers bad input with stable codes; strange text is only text', async () => {
      for (const query of [
        q({ limit: '51' }),
        q({ limit: '0' }),
        q({ from: '2025-13-01' }),
        q({ from: 'yesterday' }),
        q({ from: '2025-03-02', to: '2025-03-01' }),
        q({ agentId: 'nobody' }),
        q({ status: 'open' }),
        q({ cursor: 'garbage' }),
        q({ cursor: `2025-02-30T00:00:00.000000_${randomUUID()}` }),
        q({ q: 'x'.repeat(201) }),
        q({ q: 'a\u0000b' }),
      ]) {
        const res = await search(query);
        expect([res.status, res.body.error?.code], query).toEqual([400, 'validation_failed']);
      }
      for (const text of ['constructor', '__proto__', '%', '_', '\\', "'; drop table messages; --"]) {
        const res = await search(q({ q: text, customer: `${run}@example.com` }));
        expect(res.status).toBe(200);
        expect(res.body.results).toEqual([]);
      }
      expect((await api(t.url, '/api/conversations/search')).status).toBe(401);
    });

    it('sees the whole workspace for every staff role, and nothing of another workspace', async () => {
      const query = q({ q: `TM${run}` });
      for (const cookie of [cookies.agent2, cookies.expert, cookies.admin])
        expect(await found(query, cookie)).toEqual([ids.refund]);
      expect(await found(query, cookies.outsider)).toEqual([]);
      expect(await found(q({ customer: `${run}@example.com` }), cookies.outsider)).toEqual([]);
    });
  });
});
