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
type Customer = Awaited<ReturnType<typeof newCustomer>>;
type ErrorReply = { error: { code: string } };

async function staff(t: TestApp, email: string, password = 'tandem-demo'): Promise<Staff> {
  const cookie = await loginCookie(t.url, email, password);
  const me = await api<{ me: { id: string } }>(t.url, '/api/auth/me', { cookie });
  const socket = await connect(t, '/agent', { cookie });
  return { socket, cookie, id: me.body.me.id };
}

async function ok<T>(ack: Promise<{ ok: true; data: T } | { ok: false; error: unknown }>): Promise<T> {
  const result = await ack;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/**
 * Reopening a resolved conversation: the person who served it (or a supervisor or admin) takes it up again,
 * the customer is told and writes into it again, inboxes follow live; others are refused with stable codes.
 */
describe('reopening a resolved conversation', () => {
  let t: TestApp;
  let agent1: Staff;
  let agent2: Staff;
  let expert: Staff;
  let admin: Staff;

  beforeAll(async () => {
    t = await startTestApp();
    [agent1, agent2, expert, admin] = await Promise.all([
      staff(t, 'agent1@tandem.demo'),
      staff(t, 'agent2@tandem.demo'),
      staff(t, 'expert@tandem.demo'),
      staff(t, 'admin@tandem.demo'),
    ]);
  }, 180_000);
  afterAll(() => t?.close());

  /** A customer served by `who`, who replied and resolved it; with its id. */
  async function resolvedBy(who: Staff): Promise<{ customer: Customer; id: string }> {
    const customer = await newCustomer(t, 'zh');
    const handed = await ok(
      emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {}),
    );
    const id = handed.conversation.id;
    await ok(emit(who.socket, 'conversation:accept', { conversationId: id }));
    await ok(
      emit(who.socket, 'message:send', { conversationId: id, clientId: clientId(), text: '已为您处理' }),
    );
    const ended = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.id === id && c.status === 'resolved',
    );
    await ok(emit(who.socket, 'conversation:resolve', { conversationId: id }));
    await ended;
    return { customer, id };
  }

  const reopen = (who: Staff, conversationId: string) =>
    emit<{ conversation: AgentConversation }>(who.socket, 'conversation:reopen', { conversationId });

  it('the agent reopens their own: assigned to them, the customer is told and writes into it again', async () => {
    const { customer, id } = await resolvedBy(agent1);
    const customerSees = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.id === id && c.status === 'assigned',
    );
    const notice = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.notice?.code === 'reopened');
    // every staff console's inbox gets the new row (it leaves Resolved for the person's Mine)
    const inboxRow = waitFor<AgentConversation>(
      agent2.socket,
      'conversation:updated',
      (c) => c.id === id && c.status === 'assigned',
    );
    const { conversation } = await ok(reopen(agent1, id));
    expect(conversation).toMatchObject({ id, status: 'assigned', assignee: { id: agent1.id } });
    expect(await customerSees).toMatchObject({ status: 'assigned', agentName: '王小明' });
    expect((await notice).notice).toEqual({ code: 'reopened', agentName: '王小明' });
    expect((await inboxRow).assignee?.id).toBe(agent1.id);
    const mine = await api<{ conversations: AgentConversation[] }>(t.url, '/api/conversations?view=mine', {
      cookie: agent1.cookie,
    });
    expect(mine.body.conversations.map((c) => c.id)).toContain(id);

    // the customer writes: into the same conversation, and the agent receives it
    const arrives = waitFor<MessageView>(
      agent1.socket,
      'message:new',
      (m) => m.author.kind === 'customer' && m.text === '还有一个问题',
    );
    const sent = await ok(
      emit<{ message: MessageView }>(customer.socket, 'message:send', {
        clientId: clientId(),
        text: '还有一个问题',
      }),
    );
    expect(sent.message.conversationId).toBe(id);
    expect((await arrives).conversationId).toBe(id);
    // and the agent answers it (the composer is theirs again)
    await ok(emit(agent1.socket, 'message:send', { conversationId: id, clientId: clientId(), text: '请说' }));

    // the event log has the reopen; reopening what is open is refused by the state machine
    const events = await t.app.ctx.store.events.listByConversation(id);
    expect(events.map((e) => e.type)).toContain('reopen');
    const again = await reopen(agent1, id);
    expect(again).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
  });

  it('refuses agents of another team and teammates who did not serve it; admins may', async () => {
    const { customer, id } = await resolvedBy(agent1);
    // the expert is in another team; agent2 shares a team with agent1 but did not serve it
    for (const who of [expert, agent2]) {
      const refused = await reopen(who, id);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      const rest = await api<ErrorReply>(t.url, `/api/conversations/${id}/reopen`, {
        method: 'POST',
        cookie: who.cookie,
      });
      expect([rest.status, rest.body.error.code]).toEqual([403, 'forbidden']);
    }
    // nothing changed for the customer
    const row = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}`, {
      cookie: admin.cookie,
    });
    expect(row.body.conversation.status).toBe('resolved');

    // the rating given stays with it (a conversation is rated once)
    await ok(emit(customer.socket, 'csat:submit', { conversationId: id, score: 4 }));
    const byAdmin = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}/reopen`, {
      method: 'POST',
      cookie: admin.cookie,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.conversation).toMatchObject({
      status: 'assigned',
      assignee: { id: admin.id },
      csat: { score: 4 },
    });
  });

  it('refuses a conversation the customer has moved on from, and one from another workspace', async () => {
    const { customer, id } = await resolvedBy(agent1);
    // the customer writes after the resolve: a new conversation with the bot
    const sent = await ok(
      emit<{ message: MessageView }>(customer.socket, 'message:send', { clientId: clientId(), text: '你好' }),
    );
    expect(sent.message.conversationId).not.toBe(id);
    const refused = await reopen(agent1, id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conversation_superseded' } });
    // (the customer asked for a person before, so the new one waits for a person: closed, out of the way)
    const closed = await api(t.url, `/api/conversations/${sent.message.conversationId}/close`, {
      method: 'POST',
      cookie: admin.cookie,
    });
    expect(closed.status).toBe(200);

    const store = t.app.ctx.store;
    const other = await store.setup.createWorkspace({ slug: 'reopen-other', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: other,
      email: 'admin@reopen-other.test',
      name: 'Other admin',
      role: 'admin',
      passwordHash: await hashPassword('other-password'),
      locale: 'en',
    });
    const outsider = await staff(t, 'admin@reopen-other.test', 'other-password');
    const { id: theirs } = await resolvedBy(agent1);
    const foreign = await reopen(outsider, theirs);
    expect(foreign).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });
  });

  it('keeps a plain agent within capacity (at_capacity), while an admin may go past it', async () => {
    const { id } = await resolvedBy(agent2);
    const profile = await api(t.url, `/api/admin/staff/${agent2.id}/routing`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { maxConcurrent: 1, skills: [], languages: ['zh', 'en'] },
    });
    expect(profile.status).toBe(200);
    // agent2 serves one conversation now: at capacity
    const busy = await newCustomer(t, 'en');
    const handed = await ok(emit<{ conversation: WidgetConversation }>(busy.socket, 'handoff:request', {}));
    await ok(emit(agent2.socket, 'conversation:accept', { conversationId: handed.conversation.id }));
    const refused = await reopen(agent2, id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    const rest = await api<ErrorReply>(t.url, `/api/conversations/${id}/reopen`, {
      method: 'POST',
      cookie: agent2.cookie,
    });
    expect([rest.status, rest.body.error.code]).toEqual([409, 'at_capacity']);

    // an admin may go past their own capacity (as when taking a conversation over)
    await api(t.url, `/api/admin/staff/${admin.id}/routing`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { maxConcurrent: 1, skills: [], languages: ['zh', 'en'] },
    });
    const { conversation } = await ok(reopen(admin, id));
    expect(conversation).toMatchObject({ status: 'assigned', assignee: { id: admin.id } });
    const load = await t.app.ctx.store.conversations.listAssignedTo(admin.id);
    expect(load.length).toBeGreaterThan(1);
  });
});
