import type { AgentConversation, MessageView, WidgetConversation } from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/services/tokens.ts';
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

type Staff = { socket: Socket; cookie: string; id: string };
type Read = { conversationId: string; seq: number };

async function staff(t: TestApp, email: string, password = 'tandem-demo'): Promise<Staff> {
  const cookie = await loginCookie(t.url, email, password);
  const me = await api<{ me: { id: string } }>(t.url, '/api/auth/me', { cookie });
  const socket = await connect(t, '/agent', { cookie });
  return { socket, cookie, id: me.body.me.id };
}

/** Every `conversation:read` a socket receives, in order. */
function collectReads(socket: Socket): Read[] {
  const reads: Read[] = [];
  socket.on('conversation:read', (read: Read) => reads.push(read));
  return reads;
}

/**
 * Read receipts end to end: the customer's widget says how far it has shown the conversation, the server keeps
 * the highest mark on the conversation and tells the staff in the conversation's room, never anyone else.
 */
describe('read receipts', () => {
  let t: TestApp;
  let agent: Staff;
  let outsider: Staff;
  let customer: Awaited<ReturnType<typeof newCustomer>>;
  let conversationId: string;
  let agentReplySeq: number;

  beforeAll(async () => {
    t = await startTestApp();
    const store = t.app.ctx.store;
    const other = await store.setup.createWorkspace({ slug: 'receipts-other', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: other,
      email: 'admin@receipts-other.test',
      name: 'Other admin',
      role: 'admin',
      passwordHash: await hashPassword('other-password'),
      locale: 'en',
    });
    agent = await staff(t, 'agent1@tandem.demo');
    outsider = await staff(t, 'admin@receipts-other.test', 'other-password');

    // a customer served by the agent, who has replied
    customer = await newCustomer(t, 'zh');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    if (!handed.ok) throw new Error(JSON.stringify(handed.error));
    conversationId = handed.data.conversation.id;
    const accepted = await emit<{ conversation: AgentConversation }>(agent.socket, 'conversation:accept', {
      conversationId,
    });
    expect(accepted.ok).toBe(true);
    const shown = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
    const sent = await emit<{ message: MessageView }>(agent.socket, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: '您好，我来帮您看看',
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.error));
    agentReplySeq = sent.data.message.seq;
    await shown;
  }, 180_000);
  afterAll(() => t?.close());

  const storedMark = async (cookie = agent.cookie) =>
    (
      await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${conversationId}`, {
        cookie,
      })
    ).body.conversation.customerReadSeq;

  it('starts unread; the widget’s mark reaches the agent’s socket and is stored on the conversation', async () => {
    expect(await storedMark()).toBe(0);
    const reads = collectReads(agent.socket);
    const told = waitFor<Read>(agent.socket, 'conversation:read');
    const ack = await emit<{ seq: number }>(customer.socket, 'message:read', {
      conversationId,
      seq: agentReplySeq,
    });
    expect(ack).toEqual({ ok: true, data: { seq: agentReplySeq } });
    expect(await told).toEqual({ conversationId, seq: agentReplySeq });
    expect(reads).toHaveLength(1);
    // a console opened later sees it in the conversation's row, as does the inbox
    expect(await storedMark()).toBe(agentReplySeq);
    const inbox = await api<{ conversations: AgentConversation[] }>(t.url, '/api/conversations?view=mine', {
      cookie: agent.cookie,
    });
    expect(inbox.body.conversations.find((c) => c.id === conversationId)?.customerReadSeq).toBe(
      agentReplySeq,
    );
    agent.socket.off('conversation:read');
  });

  it('never moves back, is idempotent, never passes the last message, and defaults to the latest conversation', async () => {
    const reads = collectReads(agent.socket);
    // older and equal marks: acknowledged with the stored mark, nothing stored or told
    for (const seq of [1, agentReplySeq]) {
      const ack = await emit<{ seq: number }>(customer.socket, 'message:read', { conversationId, seq });
      expect(ack).toEqual({ ok: true, data: { seq: agentReplySeq } });
    }
    expect(await storedMark()).toBe(agentReplySeq);

    // a newer message, then a mark far past it (without the conversation: their latest): the last message
    const reply = await emit<{ message: MessageView }>(agent.socket, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: '订单已经查到了',
    });
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    const last = reply.data.message.seq;
    const told = waitFor<Read>(agent.socket, 'conversation:read');
    const ack = await emit<{ seq: number }>(customer.socket, 'message:read', { seq: 100_000 });
    expect(ack).toEqual({ ok: true, data: { seq: last } });
    expect(await told).toEqual({ conversationId, seq: last });
    // events from one connection arrive in order: had the older marks been told, they would have come first
    expect(reads).toEqual([{ conversationId, seq: last }]);
    expect(await storedMark()).toBe(last);
    agent.socket.off('conversation:read');
  });

  it('refuses bad input with stable codes and another customer’s conversation as missing', async () => {
    for (const payload of [
      {},
      { seq: 0 },
      { seq: -3 },
      { seq: 1.5 },
      { seq: '3' },
      { seq: 3, conversationId: 'not-a-uuid' },
      null,
    ]) {
      const ack = await emit(customer.socket, 'message:read', payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    }
    const stranger = await newCustomer(t, 'en');
    const theirs = await emit(stranger.socket, 'message:read', { conversationId, seq: 1 });
    expect(theirs).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });
    // a customer with no conversation yet
    const none = await emit(stranger.socket, 'message:read', { seq: 1 });
    expect(none).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });
  });

  it('never reaches staff of another workspace', async () => {
    const reads = collectReads(outsider.socket);
    // they cannot watch it, read it, or see its mark
    const watch = await emit(outsider.socket, 'conversation:watch', { conversationId });
    expect(watch).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });
    const read = await api<{ error: { code: string } }>(t.url, `/api/conversations/${conversationId}`, {
      cookie: outsider.cookie,
    });
    expect([read.status, read.body.error.code]).toEqual([404, 'conversation_not_found']);

    const more = await emit<{ message: MessageView }>(agent.socket, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: '还有别的问题吗？',
    });
    if (!more.ok) throw new Error(JSON.stringify(more.error));
    const told = waitFor<Read>(agent.socket, 'conversation:read');
    await emit(customer.socket, 'message:read', { conversationId, seq: more.data.message.seq });
    await told;
    // a round trip on the outsider's own connection: anything emitted to it before has arrived by now
    const roundTrip = await emit(outsider.socket, 'presence:set', { presence: 'online' });
    expect(roundTrip.ok).toBe(true);
    expect(reads).toEqual([]);
  });

  it('is rate limited like every other event', async () => {
    const acks = await Promise.all(
      Array.from({ length: 40 }, () =>
        emit<{ seq: number }>(customer.socket, 'message:read', { conversationId, seq: 1 }),
      ),
    );
    const refused = acks.filter((ack) => !ack.ok && ack.error.code === 'rate_limited');
    expect(refused.length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThan(0);
  });
});
