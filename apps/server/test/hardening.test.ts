import type { AgentConversation, MessageView, WidgetConversation } from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
} from './harness.ts';

type ErrorResponse = { error: { code: string; details?: Array<{ path: string }> } };

/** Findings of a hostile run: each case failed (crash, 500, wrong role, missing ack) before its fix. */
describe('hardening', () => {
  let t: TestApp;
  let admin: string;
  let agent1: string;
  let agent2: string;
  let expert: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    agent1 = await loginCookie(t.url, 'agent1@tandem.demo');
    agent2 = await loginCookie(t.url, 'agent2@tandem.demo');
    expert = await loginCookie(t.url, 'expert@tandem.demo');
  });
  afterAll(() => t.close());

  /** fetch with any headers (the harness's `api` sends none of Origin / Sec-Fetch-Site) */
  const raw = async (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> },
  ) => {
    const response = await fetch(`${t.url}${path}`, {
      method: init.method ?? 'POST',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as ErrorResponse };
  };

  const expectInvalid = (res: { status: number; body: unknown }, path: string) => {
    const body = res.body as ErrorResponse;
    expect([res.status, body.error.code]).toEqual([400, 'validation_failed']);
    expect(body.error.details?.map((d) => d.path)).toContain(path);
  };

  describe('socket middleware containment', () => {
    it('refuses an undecodable session cookie instead of crashing', async () => {
      for (const cookie of ['tandem_session=%', 'tandem_session=%E0%A4%A', 'a=%; tandem_session=%zz']) {
        await expect(connect(t, '/agent', { cookie })).rejects.toMatchObject({
          data: { code: 'unauthenticated' },
        });
      }
      expect((await api(t.url, '/healthz')).status).toBe(200);
      // a valid session still connects
      const socket = await connect(t, '/agent', { cookie: agent1 });
      expect(socket.connected).toBe(true);
      socket.disconnect();
    });

    it('refuses a malformed Host header on the staff socket instead of crashing', async () => {
      // the origin check builds URLs from the Host header; a bad one must not throw
      const { io } = await import('socket.io-client');
      const socket = t.track(
        io(`${t.url}/agent`, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: { cookie: agent1, origin: 'http://evil.example', host: 'bad host[' },
        }),
      );
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
          resolve(error.data?.code ?? error.message),
        );
      });
      expect(outcome).not.toBe('connected');
      expect((await api(t.url, '/healthz')).status).toBe(200);
    });
  });

  describe('text that the database cannot store is refused with 400', () => {
    it('NUL in message text (socket and REST)', async () => {
      const { socket } = await newCustomer(t);
      const ack = await emit(socket, 'message:send', { clientId: clientId(), text: 'hello\u0000world' });
      expect(!ack.ok && ack.error.code).toBe('validation_failed');
      expect(!ack.ok && ack.error.details?.map((d) => d.path)).toContain('text');
      const lone = await emit(socket, 'message:send', { clientId: clientId(), text: 'broken \uD800 pair' });
      expect(!lone.ok && lone.error.code).toBe('validation_failed');
      const rest = await api(t.url, `/api/conversations/${crypto.randomUUID()}/messages`, {
        cookie: agent1,
        body: { clientId: clientId(), text: 'x\u0000' },
      });
      expectInvalid(rest, 'text');
      // a pair that forms one emoji is fine
      const fine = await emit(socket, 'message:send', { clientId: clientId(), text: 'ok 😀' });
      expect(fine.ok).toBe(true);
    });

    it('NUL in names and attributes, lone surrogates in attributes', async () => {
      const session = (body: Record<string, unknown>) =>
        api(t.url, '/api/widget/session', { body: { workspace: 'demo', ...body } });
      expectInvalid(await session({ name: 'Al\u0000ice' }), 'name');
      expectInvalid(await session({ attributes: { vip: 'gold\u0000' } }), 'attributes.vip');
      expectInvalid(await session({ attributes: { vip: '\uD800' } }), 'attributes.vip');
      expectInvalid(await session({ attributes: { vip: 'x\uDC00y' } }), 'attributes.vip');
      expect((await session({ name: 'Alice 😀', attributes: { vip: 'gold' } })).status).toBe(200);
    });

    it('NUL in knowledge entries and bot definition sources; huge versions', async () => {
      const entry = {
        id: 'hardening-test',
        category: 'test',
        questions: { zh: [], en: ['what is \u0000?'] },
        answer: { zh: '答案', en: 'answer' },
        related: [],
      };
      const knowledge = await api(t.url, '/api/admin/knowledge/hardening-test', {
        method: 'PUT',
        cookie: admin,
        body: entry,
      });
      expectInvalid(knowledge, 'questions.en.0');
      const answer = await api(t.url, '/api/admin/knowledge/hardening-test', {
        method: 'PUT',
        cookie: admin,
        body: { ...entry, questions: { zh: [], en: ['ok?'] }, answer: { zh: '答\u0000案', en: 'answer' } },
      });
      expectInvalid(answer, 'answer.zh');

      const source = '# a comment \u0000\n[]\n';
      const definition = await api(t.url, '/api/admin/bot/rules', {
        cookie: admin,
        body: { format: 'yaml', source },
      });
      expectInvalid(definition, 'source');

      for (const version of [2 ** 31, 2 ** 53, 0, 1.5]) {
        const activate = await api(t.url, '/api/admin/bot/rules/rules/activate', {
          cookie: admin,
          body: { version },
        });
        expectInvalid(activate, 'version');
      }
      const max = await api<ErrorResponse>(t.url, '/api/admin/bot/rules/rules/activate', {
        cookie: admin,
        body: { version: 2 ** 31 - 1 },
      });
      expect([max.status, max.body.error.code]).toEqual([404, 'not_found']);
    });
  });

  describe('who may resolve', () => {
    const queuedConversation = async () => {
      const { socket } = await newCustomer(t, 'en');
      const ack = await emit<{ conversation: WidgetConversation }>(socket, 'handoff:request', { lang: 'en' });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      expect(ack.data.conversation.status).toBe('queued');
      return ack.data.conversation.id;
    };
    const botConversation = async () => {
      const { socket } = await newCustomer(t, 'en');
      const ack = await emit<{ message: MessageView }>(socket, 'message:send', {
        clientId: clientId(),
        text: 'hello',
      });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      return ack.data.message.conversationId;
    };
    const resolveRest = (cookie: string, id: string) =>
      api<ErrorResponse & { conversation: AgentConversation }>(t.url, `/api/conversations/${id}/resolve`, {
        method: 'POST',
        cookie,
      });

    it('refuses agents and experts on conversations nobody accepted (REST)', async () => {
      const queued = await queuedConversation();
      const bot = await botConversation();
      for (const [cookie, id] of [
        [agent1, queued],
        [expert, queued],
        [agent1, bot],
        [expert, bot],
      ] as const) {
        const res = await resolveRest(cookie, id);
        expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
      }
      const byAdmin = await resolveRest(admin, queued);
      expect([byAdmin.status, byAdmin.body.conversation?.status]).toEqual([200, 'resolved']);
      expect((await resolveRest(admin, bot)).body.conversation?.status).toBe('resolved');
    });

    it('refuses them over the socket too, and lets the assignee resolve', async () => {
      const queued = await queuedConversation();
      const bot = await botConversation();
      const socket = await connect(t, '/agent', { cookie: agent1 });
      const expertSocket = await connect(t, '/agent', { cookie: expert });
      for (const [s, id] of [
        [socket, queued],
        [socket, bot],
        [expertSocket, queued],
        [expertSocket, bot],
      ] as const) {
        const ack = await emit(s, 'conversation:resolve', { conversationId: id });
        expect(!ack.ok && ack.error.code).toBe('forbidden');
      }
      // accepted: a teammate may not resolve it, the assignee may
      expect((await emit(socket, 'conversation:accept', { conversationId: queued })).ok).toBe(true);
      const other = await resolveRest(agent2, queued);
      expect([other.status, other.body.error?.code]).toEqual([403, 'not_assignee']);
      const own = await emit<{ conversation: AgentConversation }>(socket, 'conversation:resolve', {
        conversationId: queued,
      });
      expect(own.ok && own.data.conversation.status).toBe('resolved');
      // already resolved: the state machine answers, not the role check
      const again = await emit(socket, 'conversation:resolve', { conversationId: queued });
      expect(!again.ok && again.error.code).toBe('invalid_transition');
    });
  });

  describe('cross-site writes with the staff cookie', () => {
    const missing = () => `/api/conversations/${crypto.randomUUID()}/accept`;

    it('refuses a foreign Origin on cookie-authenticated writes', async () => {
      const evil = await raw(missing(), { headers: { cookie: agent1, origin: 'https://evil.example' } });
      expect([evil.status, evil.body.error.code]).toEqual([403, 'forbidden']);
      const nullOrigin = await raw(missing(), { headers: { cookie: agent1, origin: 'null' } });
      expect(nullOrigin.status).toBe(403);
      const presence = await raw('/api/presence', {
        method: 'PUT',
        body: { presence: 'away' },
        headers: { cookie: agent1, origin: 'https://evil.example' },
      });
      expect(presence.status).toBe(403);
      const remove = await raw('/api/admin/knowledge/nope', {
        method: 'DELETE',
        headers: { cookie: admin, origin: 'https://evil.example' },
      });
      expect(remove.status).toBe(403);
      const logout = await raw('/api/auth/logout', {
        body: {},
        headers: { cookie: agent2, origin: 'https://evil.example' },
      });
      expect(logout.status).toBe(403);
      expect((await api(t.url, '/api/auth/me', { cookie: agent2 })).status).toBe(200);
    });

    it('refuses a cross-site request without Origin by Sec-Fetch-Site', async () => {
      const cross = await raw(missing(), { headers: { cookie: agent1, 'sec-fetch-site': 'cross-site' } });
      expect([cross.status, cross.body.error.code]).toEqual([403, 'forbidden']);
      const sameSite = await raw(missing(), { headers: { cookie: agent1, 'sec-fetch-site': 'same-site' } });
      expect(sameSite.status).toBe(403);
    });

    it("allows the console's own origin, same-origin fetches and clients without Origin", async () => {
      const own = await raw(missing(), { headers: { cookie: agent1, origin: t.url } });
      expect([own.status, own.body.error.code]).toEqual([404, 'conversation_not_found']);
      const host = new URL(t.url).host;
      const https = await raw(missing(), { headers: { cookie: agent1, origin: `https://${host}` } });
      expect(https.status).toBe(404);
      const sameOrigin = await raw(missing(), {
        headers: { cookie: agent1, 'sec-fetch-site': 'same-origin' },
      });
      expect(sameOrigin.status).toBe(404);
      const script = await raw(missing(), { headers: { cookie: agent1 } });
      expect(script.status).toBe(404);
      // reads and the widget's cross-origin writes (no staff cookie) are not affected
      const read = await raw('/api/auth/me', {
        method: 'GET',
        headers: { cookie: agent1, origin: 'https://evil.example' },
      });
      expect(read.status).toBe(200);
      const widget = await raw('/api/widget/session', {
        body: { workspace: 'demo' },
        headers: { origin: 'https://shop.example' },
      });
      expect(widget.status).toBe(200);
    });
  });

  describe('every event gets an acknowledgement', () => {
    const countAcks = (socket: Socket) => {
      const seen = new Map<number, number>();
      // the manager emits every decoded packet; type 3 is ACK
      socket.io.on('packet', (packet: { type: number; id?: number; nsp: string }) => {
        if (packet.type === 3 && packet.id !== undefined) seen.set(packet.id, (seen.get(packet.id) ?? 0) + 1);
      });
      return seen;
    };

    it('answers unknown events on /widget and /agent with bad_request, known events once', async () => {
      const { socket: widget } = await newCustomer(t);
      const agent = await connect(t, '/agent', { cookie: agent1 });
      for (const socket of [widget, agent]) {
        const acks = countAcks(socket);
        const unknown = await emit(socket, 'no:such-event', { x: 1 });
        expect(!unknown.ok && unknown.error.code).toBe('bad_request');
        expect(!unknown.ok && unknown.error.message).toContain('unknown event');
        const noPayload = await socket.timeout(EVENT_TIMEOUT_MS).emitWithAck('another-one');
        expect(noPayload.ok).toBe(false);
        const known = await emit(socket, 'typing', { typing: true, conversationId: crypto.randomUUID() });
        expect(known.ok).toBe(true);
        // one more round trip as a barrier (not a pause): a second ack for any event above would have been
        // sent before this one's
        const barrier = await emit(socket, 'typing', { typing: false, conversationId: crypto.randomUUID() });
        expect(barrier.ok).toBe(true);
        expect([...acks.values()].every((n) => n === 1)).toBe(true);
        expect(acks.size).toBe(4);
      }
      expect((await api(t.url, '/healthz')).status).toBe(200);
    });
  });
});
