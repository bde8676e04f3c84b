import type { MessageView } from '@tandem/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  clientId,
  connect,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

describe('bad input and access control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('rejects bad socket payloads with error acks and stays up', async () => {
    const { socket } = await newCustomer(t);
    const tooLong = await emit(socket, 'message:send', { clientId: clientId(), text: 'x'.repeat(4001) });
    expect(!tooLong.ok && tooLong.error.code).toBe('message_too_long');
    const noId = await emit(socket, 'message:send', { text: 'hello' });
    expect(!noId.ok && noId.error.code).toBe('validation_failed');
    const empty = await emit(socket, 'message:send', { clientId: clientId(), text: '   ' });
    expect(!empty.ok && empty.error.code).toBe('validation_failed');
    const notObject = await emit(socket, 'message:send', 'just a string');
    expect(!notObject.ok && notObject.error.code).toBe('validation_failed');
    const badId = await emit(socket, 'message:send', { clientId: 'has spaces in it', text: 'hi' });
    expect(!badId.ok && badId.error.code).toBe('validation_failed');
    // still serving
    const fine = await emit(socket, 'message:send', { clientId: clientId(), text: 'hello' });
    expect(fine.ok).toBe(true);
    expect((await api(t.url, '/healthz')).status).toBe(200);
  });

  it('stores HTML as plain text, unchanged', async () => {
    const { socket } = await newCustomer(t);
    const text = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const ack = await emit<{ message: MessageView }>(socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok && ack.data.message.text).toBe(text);
  });

  it('makes sending idempotent on clientId', async () => {
    const { socket } = await newCustomer(t);
    const id = clientId();
    const first = await emit<{ message: MessageView }>(socket, 'message:send', {
      clientId: id,
      text: 'same',
    });
    const second = await emit<{ message: MessageView }>(socket, 'message:send', {
      clientId: id,
      text: 'same',
    });
    expect(first.ok && second.ok && first.data.message.id === second.data.message.id).toBe(true);
  });

  it('refuses sockets without a valid token or session', async () => {
    await expect(connect(t, '/widget', { token: 'a'.repeat(43) })).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
    await expect(connect(t, '/widget', {})).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    await expect(connect(t, '/agent', { cookie: 'tandem_session=forged' })).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
  });

  it('lets a visitor token see only its own conversation', async () => {
    const alice = await newCustomer(t);
    const bob = await newCustomer(t);
    let leaked = false;
    bob.socket.on('message:new', (m: MessageView) => {
      if (m.text.includes('alice-secret')) leaked = true;
    });
    const echoed = waitFor<MessageView>(alice.socket, 'message:new', (m) => m.text === 'alice-secret 123');
    await emit(alice.socket, 'message:send', { clientId: clientId(), text: 'alice-secret 123' });
    await echoed;
    // barriers instead of a pause: once every listener of Alice's message has finished, a round trip on
    // Bob's connection comes back behind anything the server sent Bob before it
    await t.app.ctx.events.drain();
    const bobSync = await emit<{ messages: MessageView[] }>(bob.socket, 'sync', { afterSeq: 0 });
    expect(bobSync.ok).toBe(true);
    expect(bobSync.ok && bobSync.data.messages.some((m) => m.text.includes('alice-secret'))).toBe(false);
    expect(leaked).toBe(false);
    const bobSession = await api<{ messages: MessageView[] }>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: bob.token },
    });
    expect(bobSession.body.messages.some((m) => m.text.includes('alice-secret'))).toBe(false);
  });

  it('requires a session on console routes and validates REST input', async () => {
    expect((await api(t.url, '/api/conversations')).status).toBe(401);
    const noAuth = await api<{ error: { code: string } }>(t.url, '/api/auth/me');
    expect(noAuth.body.error.code).toBe('unauthenticated');
    const wrong = await api<{ error: { code: string } }>(t.url, '/api/auth/login', {
      body: { email: 'agent1@tandem.demo', password: 'nope' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
    const malformed = await api<{ error: { code: string } }>(t.url, '/api/auth/login', { body: '{"email":' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'bad_request']);
    const badWorkspace = await api<{ error: { code: string } }>(t.url, '/api/widget/session', {
      body: { workspace: 'Not A Slug!' },
    });
    expect([badWorkspace.status, badWorkspace.body.error.code]).toEqual([400, 'validation_failed']);
    const unknown = await api<{ error: { code: string } }>(t.url, '/api/widget/session', {
      body: { workspace: 'nope' },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'workspace_not_found']);

    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const badView = await api<{ error: { code: string } }>(t.url, '/api/conversations?view=everything', {
      cookie,
    });
    expect([badView.status, badView.body.error.code]).toEqual([400, 'validation_failed']);
    const badId = await api<{ error: { code: string } }>(t.url, '/api/conversations/not-a-uuid', { cookie });
    expect(badId.status).toBe(400);
    const missing = await api<{ error: { code: string } }>(
      t.url,
      `/api/conversations/${crypto.randomUUID()}`,
      { cookie },
    );
    expect([missing.status, missing.body.error.code]).toEqual([404, 'conversation_not_found']);
    const tooLong = await api<{ error: { code: string } }>(
      t.url,
      `/api/conversations/${crypto.randomUUID()}/messages`,
      {
        cookie,
        body: { clientId: clientId(), text: 'y'.repeat(4001) },
      },
    );
    expect(tooLong.body.error.code).toBe('message_too_long');
  });

  it('logs out: the session cookie stops working', async () => {
    const cookie = await loginCookie(t.url, 'agent2@tandem.demo');
    expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(200);
    await api(t.url, '/api/auth/logout', { method: 'POST', cookie, body: {} });
    expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(401);
  });

  it('serves health, readiness and the OpenAPI description', async () => {
    expect((await api<{ status: string }>(t.url, '/readyz')).body.status).toBe('ready');
    const openapi = await api<{ openapi: string; paths: Record<string, unknown> }>(
      t.url,
      '/api/openapi.json',
    );
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/api/widget/session', '/api/conversations/{id}/accept', '/api/auth/login']),
    );
  });

  it('closes a staff socket when its session signs out, and refuses one from another site', async () => {
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const socket = await connect(t, '/agent', { cookie });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    await api(t.url, '/api/auth/logout', { method: 'POST', cookie, body: {} });
    await closed;
    expect(socket.connected).toBe(false);

    const fresh = await loginCookie(t.url, 'agent1@tandem.demo');
    const foreign = io(`${t.url}/agent`, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie: fresh, origin: 'https://evil.example' },
    });
    t.track(foreign);
    const refused = await new Promise<{ data?: { code?: string } }>((resolve) =>
      foreign.once('connect_error', resolve),
    );
    expect(refused.data?.code).toBe('forbidden');
  });

  it('keeps a customer to at most 30 stored attributes however often the page resends them', async () => {
    const { token, contactId } = await newCustomer(t);
    for (let round = 0; round < 3; round++) {
      const attributes = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${round}_${i}`, i]));
      const res = await api(t.url, '/api/widget/session', {
        body: { workspace: 'demo', visitorToken: token, attributes },
      });
      expect(res.status).toBe(200);
    }
    const contact = await t.app.ctx.store.contacts.findById(contactId);
    expect(Object.keys(contact?.attributes ?? {})).toHaveLength(30);
    expect(contact?.attributes.k2_0).toBe(0);
  });

  it('lets only admins and supervisors read the bot definitions', async () => {
    const cookie = await loginCookie(t.url, 'agent2@tandem.demo');
    const res = await api<{ error: { code: string } }>(t.url, '/api/admin/bot/flow', { cookie });
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('forbids framing of its pages', async () => {
    const res = await fetch(`${t.url}/console/`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
