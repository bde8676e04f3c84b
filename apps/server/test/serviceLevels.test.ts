import type { AddressInfo } from 'node:net';
import { requeueFromOfflineAgent, requeueUnanswered } from '@tandem/domain';
import type { AgentConversation, MessageView, TicketView, WidgetConversation } from '@tandem/protocol';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Socket } from 'socket.io-client';
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

type Staff = { socket: Socket; cookie: string; id: string };

async function staff(t: TestApp, email: string): Promise<Staff> {
  const cookie = await loginCookie(t.url, email);
  const me = await api<{ me: { id: string } }>(t.url, '/api/auth/me', { cookie });
  const socket = await connect(t, '/agent', { cookie });
  return { socket, cookie, id: me.body.me.id };
}

const notice = (socket: Socket, code: string) =>
  waitFor<MessageView>(socket, 'message:new', (m) => m.notice?.code === code);

/** A local SMTP server (the `smtp-server` package): every message it receives, parsed. */
async function startSmtp() {
  const received: ParsedMail[] = [];
  const waiters: Array<(mail: ParsedMail) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          for (const waiter of waiters.splice(0)) waiter(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    next: () => new Promise<ParsedMail>((resolve) => waiters.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('service levels: availability, business hours, tickets and e-mail, SLA, nudges, consults, closing', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: Staff;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('pglite', {
      smtp: { url: smtp.url, from: 'Tandem Market <service@tandem.demo>' },
      autoCloseIdleMinutes: 5,
    });
    admin = await staff(t, 'admin@tandem.demo');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('with nobody online, tells the customer, who leaves a message; the reply reaches the widget and the inbox', async () => {
    const customer = await newCustomer(t, 'zh');
    const told = notice(customer.socket, 'no_agents');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    expect(handed.ok).toBe(true);
    await told;

    const missing = await emit(customer.socket, 'ticket:create', { message: '我想开发票' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const badEmail = await emit(customer.socket, 'ticket:create', { email: 'not-an-address', message: 'x' });
    expect(badEmail).toMatchObject({ ok: false, error: { code: 'validation_failed' } });

    const created = waitFor<TicketView>(admin.socket, 'ticket:updated');
    const closed = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'closed',
    );
    const ticketNotice = notice(customer.socket, 'ticket_created');
    const left = await emit<{ ticket: { id: string } }>(customer.socket, 'ticket:create', {
      name: '张三',
      email: 'zhang.san@example.com',
      phone: '138 0013 8000',
      message: '我想开发票，订单号 202412150001',
    });
    expect(left.ok).toBe(true);
    const id = left.ok ? left.data.ticket.id : '';
    expect((await created).id).toBe(id);
    const ended = await closed;
    expect(ended.ratable).toBe(false);
    await ticketNotice;

    const list = await api<{ tickets: TicketView[] }>(t.url, '/api/tickets?status=open', {
      cookie: admin.cookie,
    });
    expect(list.body.tickets.find((x) => x.id === id)).toMatchObject({
      name: '张三',
      email: 'zhang.san@example.com',
      status: 'open',
      lang: 'zh',
    });

    // whoever takes this customer next sees the message they left
    const conversationId = list.body.tickets.find((x) => x.id === id)?.conversationId as string;
    const packet = await api<{ tickets: Array<{ id: string; status: string; message: string }> }>(
      t.url,
      `/api/conversations/${conversationId}/handoff`,
      { cookie: admin.cookie },
    );
    expect(packet.body.tickets[0]).toMatchObject({ id, status: 'open' });
    expect(packet.body.tickets[0]?.message).toContain('我想开发票');

    // a reply: into the widget at once, and by e-mail (owed work in the database, sent by the mailer)
    const inWidget = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
    const mail = smtp.next();
    const sent = waitFor<TicketView>(
      admin.socket,
      'ticket:updated',
      (x) => x.replies[0]?.emailState === 'sent',
    );
    const replied = await api<{ ticket: TicketView }>(t.url, `/api/tickets/${id}/replies`, {
      cookie: admin.cookie,
      body: { text: '您好，发票已开好，请查收邮件。' },
    });
    expect(replied.status).toBe(201);
    expect(replied.body.ticket.status).toBe('pending');
    expect((await inWidget).text).toBe('您好，发票已开好，请查收邮件。');
    const email = await mail;
    expect(email.to && 'text' in email.to ? email.to.text : '').toContain('zhang.san@example.com');
    expect(email.subject).toContain('关于您的留言的回复');
    expect(email.text).toContain('发票已开好');
    // only staff's words: the visitor's own text is not relayed to the address they typed
    expect(email.text).not.toContain('订单号 202412150001');
    expect(email.text).not.toContain('张三');
    await sent;

    const solved = await api<{ ticket: TicketView }>(t.url, `/api/tickets/${id}`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { status: 'solved' },
    });
    expect(solved.body.ticket.status).toBe('solved');
    const unknown = await api(t.url, '/api/tickets/00000000-0000-4000-8000-000000000000', {
      cookie: admin.cookie,
    });
    expect(unknown.status).toBe(404);
  });

  it('outside business hours: the customer is told when it opens, and nobody is offered it until then', async () => {
    const agent = await staff(t, 'agent1@tandem.demo');
    // closed all week except Monday 09:00–10:00, and today is a holiday in Shanghai
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const hours = {
      timezone: 'Asia/Shanghai',
      weekly: { mon: [{ from: '09:00', to: '10:00' }] },
      holidays: [today],
    };
    const bad = await api(t.url, '/api/admin/hours', {
      method: 'PUT',
      cookie: admin.cookie,
      body: { hours: { ...hours, timezone: 'Mars/Olympus' } },
    });
    expect(bad.status).toBe(400);
    const set = await api<{ open: boolean }>(t.url, '/api/admin/hours', {
      method: 'PUT',
      cookie: admin.cookie,
      body: { hours },
    });
    expect(set.body.open).toBe(false);

    const customer = await newCustomer(t, 'en');
    const closedHours = notice(customer.socket, 'closed_hours');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    const id = handed.ok ? handed.data.conversation.id : '';
    const told = await closedHours;
    const opensAt = new Date(told.notice?.opensAt ?? 0);
    expect(opensAt.getTime()).toBeGreaterThan(Date.now());
    expect(
      new Intl.DateTimeFormat('en', {
        timeZone: 'Asia/Shanghai',
        weekday: 'short',
        hour: '2-digit',
        hourCycle: 'h23',
      }).format(opensAt),
    ).toMatch(/Mon.*09/);

    // opening again (hours removed): the waiting customer is offered to the online agent
    const offered = waitFor<{ conversation: AgentConversation }>(
      agent.socket,
      'conversation:offered',
      (o) => o.conversation.id === id,
    );
    await api(t.url, '/api/admin/hours', { method: 'PUT', cookie: admin.cookie, body: { hours: null } });
    await offered;
    await emit(agent.socket, 'conversation:accept', { conversationId: id });
    await emit(agent.socket, 'conversation:resolve', {
      conversationId: id,
      disposition: ['closed_hours_callback'],
    });
    const events = await t.app.ctx.store.events.listByConversation(id);
    expect(events.find((e) => e.type === 'resolve')?.data).toMatchObject({
      disposition: ['closed_hours_callback'],
    });
    agent.socket.disconnect();
  });

  it('raises SLA warnings and breaches once each, from deadlines kept in the database', async () => {
    const customer = await newCustomer(t, 'zh');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    const id = handed.ok ? handed.data.conversation.id : '';
    const row = await t.app.ctx.store.conversations.findById(id);
    expect(row?.sla.firstResponseDueAt).not.toBeNull();
    // the deadline passed (as if the customer had waited): a warning and a breach, once each
    const seen: string[] = [];
    admin.socket.on('conversation:sla', (s: { conversationId: string; level: string; kind: string }) => {
      if (s.conversationId === id) seen.push(`${s.kind}:${s.level}`);
    });
    const breach = waitFor<{ conversationId: string }>(
      admin.socket,
      'conversation:sla',
      (s: { conversationId: string; level?: string; kind?: string }) =>
        s.conversationId === id && s.level === 'breach' && s.kind === 'first_response',
    );
    await t.app.ctx.store.db
      .updateTable('conversations')
      .set({ queued_at: new Date(Date.now() - 600_000), first_response_due_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await breach;
    await t.app.ctx.router.serviceTick();
    await t.app.ctx.router.serviceTick();
    expect(seen.filter((s) => s === 'first_response:breach')).toHaveLength(1);
    expect(seen).toContain('first_response:warning');
    const after = await t.app.ctx.store.conversations.findById(id);
    expect(after?.sla.flags).toEqual(
      expect.arrayContaining(['first_response:warning', 'first_response:breach']),
    );
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
  });

  it('nudges a person who leaves the customer unanswered, then gives the conversation back to the queue', async () => {
    const agent = await staff(t, 'agent2@tandem.demo');
    const customer = await newCustomer(t, 'en');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    const id = handed.ok ? handed.data.conversation.id : '';
    await emit(agent.socket, 'conversation:accept', { conversationId: id });
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: 'hello? anyone there?' });
    const nudged = waitFor<{ conversationId: string }>(
      agent.socket,
      'conversation:nudge',
      (n) => n.conversationId === id,
    );
    // the customer's message has waited past the nudge time, since the person took it
    await t.app.ctx.store.db
      .updateTable('conversations')
      .set({ assigned_at: new Date(Date.now() - 300_000) })
      .where('id', '=', id)
      .execute();
    await t.app.ctx.store.db
      .updateTable('messages')
      .set({ created_at: new Date(Date.now() - 200_000) })
      .where('conversation_id', '=', id)
      .where('author_kind', '=', 'customer')
      .execute();
    await nudged;
    // still silent after the nudge: back to the queue, and the customer is told
    const released = notice(customer.socket, 'released');
    await t.app.ctx.store.db
      .updateTable('conversations')
      .set({ nudged_at: new Date(Date.now() - 190_000) })
      .where('id', '=', id)
      .execute();
    await released;
    expect((await t.app.ctx.store.conversations.findById(id))?.status).toBe('queued');

    // the next person who takes it starts with a clean slate: not nudged nor re-queued for the first one's silence
    const next = await staff(t, 'agent1@tandem.demo');
    await emit(next.socket, 'conversation:accept', { conversationId: id });
    await t.app.ctx.router.serviceTick();
    await t.app.ctx.router.serviceTick();
    const kept = await t.app.ctx.store.conversations.findById(id);
    expect(kept).toMatchObject({ status: 'assigned', assigneeId: next.id, nudgedAt: null });

    // a timer acting on a stale read does nothing: the conversation was passed on meanwhile
    const stale = kept as NonNullable<typeof kept>;
    await emit(next.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'agent', userId: agent.id },
    });
    expect(await requeueFromOfflineAgent(t.app.ctx.deps, stale)).toBeNull();
    expect(await requeueUnanswered(t.app.ctx.deps, stale)).toBeNull();
    expect(await t.app.ctx.store.conversations.findById(id)).toMatchObject({
      status: 'assigned',
      assigneeId: agent.id,
    });
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
    agent.socket.disconnect();
    next.socket.disconnect();
  });

  it('an expert consults: joins, writes internal notes the customer never sees, replies, leaves', async () => {
    const agent = await staff(t, 'agent1@tandem.demo');
    const expert = await staff(t, 'expert@tandem.demo');
    const customer = await newCustomer(t, 'zh');
    const handed = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    const id = handed.ok ? handed.data.conversation.id : '';
    await emit(agent.socket, 'conversation:accept', { conversationId: id });

    const refused = await emit(expert.socket, 'message:send', {
      conversationId: id,
      clientId: clientId(),
      text: '我来看看',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_assignee' } });

    const invited = waitFor<{ conversation: AgentConversation; invitedBy: string }>(
      expert.socket,
      'consult:invited',
    );
    const joined = notice(customer.socket, 'expert_joined');
    const ack = await emit(agent.socket, 'consult:invite', { conversationId: id, userId: expert.id });
    expect(ack.ok).toBe(true);
    expect((await invited).conversation.id).toBe(id);
    expect((await joined).notice?.agentName).toBe('张专家 Zhang');

    // an internal note reaches the agent (staff) but never the customer
    const customerGot: MessageView[] = [];
    customer.socket.on('message:new', (m: MessageView) => customerGot.push(m));
    const agentSawNote = waitFor<MessageView>(agent.socket, 'message:new', (m) => m.internal === true);
    const note = await emit<{ message: MessageView }>(expert.socket, 'message:send', {
      conversationId: id,
      clientId: clientId(),
      text: '内部：这是重复扣款，直接退',
      internal: true,
    });
    expect(note.ok).toBe(true);
    expect((await agentSawNote).text).toBe('内部：这是重复扣款，直接退');
    const publicReply = waitFor<MessageView>(
      customer.socket,
      'message:new',
      (m) => m.author.kind === 'agent',
    );
    await emit(expert.socket, 'message:send', {
      conversationId: id,
      clientId: clientId(),
      text: '您好，已为您安排退款',
    });
    expect((await publicReply).text).toBe('您好，已为您安排退款');
    expect(customerGot.some((m) => m.text.includes('内部'))).toBe(false);
    // nor on the customer's transcript after a reconnect
    const synced = await emit<{ messages: MessageView[] }>(customer.socket, 'sync', { afterSeq: 0 });
    expect(synced.ok && synced.data.messages.some((m) => m.text.includes('内部'))).toBe(false);

    const left = await emit(expert.socket, 'consult:leave', { conversationId: id });
    expect(left.ok).toBe(true);
    const afterLeaving = await emit(expert.socket, 'message:send', {
      conversationId: id,
      clientId: clientId(),
      text: 'x',
    });
    expect(afterLeaving).toMatchObject({ ok: false, error: { code: 'not_assignee' } });
    await emit(agent.socket, 'conversation:resolve', { conversationId: id });
    agent.socket.disconnect();
    expert.socket.disconnect();
  });

  it('closes a conversation nobody wrote in for the configured time, with a notice', async () => {
    const customer = await newCustomer(t, 'en');
    const reply = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: 'hi' });
    const id = (await reply).conversationId;
    const closed = notice(customer.socket, 'auto_closed');
    const past = new Date(Date.now() - 10 * 60_000);
    await t.app.ctx.store.db
      .updateTable('messages')
      .set({ created_at: past })
      .where('conversation_id', '=', id)
      .execute();
    await t.app.ctx.store.db
      .updateTable('conversations')
      .set({ updated_at: past })
      .where('id', '=', id)
      .execute();
    await closed;
    expect((await t.app.ctx.store.conversations.findById(id))?.status).toBe('closed');
  });
});
