import type { AgentConversation, MessageView, WidgetConversation, WidgetSession } from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
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

describe.each<TestDriver>(['pglite', 'postgres'])('the whole journey on %s', (driver) => {
  let t: TestApp;
  let agent1Cookie: string;
  let agent2Cookie: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    agent1Cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    agent2Cookie = await loginCookie(t.url, 'agent2@tandem.demo');
  });
  afterAll(() => t.close());

  it('bot answers, customer asks for a person, exactly one racing agent wins, replies flow, resolve, reload resumes', async () => {
    const customer = await newCustomer(t, 'zh');
    const agent1 = await connect(t, '/agent', { cookie: agent1Cookie });
    const agent2 = await connect(t, '/agent', { cookie: agent2Cookie });

    // 1. the bot answers a routine question, with related questions as buttons
    const botAnswer = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
    const sent = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      text: '怎么开发票',
    });
    expect(sent.ok).toBe(true);
    const answer = await botAnswer;
    expect(answer.text.length).toBeGreaterThan(10);
    expect(answer.buttons.length).toBeGreaterThan(0);

    // 2. the customer taps "talk to a person": both agents see it appear in the queue, live
    const seen1 = waitFor<AgentConversation>(
      agent1,
      'conversation:updated',
      (c) => c.contact.id === customer.contactId && c.status === 'queued',
    );
    const seen2 = waitFor<AgentConversation>(
      agent2,
      'conversation:updated',
      (c) => c.contact.id === customer.contactId && c.status === 'queued',
    );
    const queuedForCustomer = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'queued',
    );
    const handoff = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    expect(handoff.ok && handoff.data.conversation.status).toBe('queued');
    await queuedForCustomer;
    const [row1, row2] = await Promise.all([seen1, seen2]);
    expect(row1.id).toBe(row2.id);
    expect(row1.handoffReason).toBe('customer_request');
    const conversationId = row1.id;

    // 3. both agents accept at once: exactly one gets it
    const joined = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'assigned',
    );
    const [a1, a2] = await Promise.all([
      emit<{ conversation: AgentConversation }>(agent1, 'conversation:accept', { conversationId }),
      emit<{ conversation: AgentConversation }>(agent2, 'conversation:accept', { conversationId }),
    ]);
    const winners = [a1, a2].filter((a) => a.ok);
    const losers = [a1, a2].filter((a) => !a.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(!losers[0]?.ok && losers[0]?.error.code).toBe('already_assigned');
    const winner = a1.ok ? agent1 : agent2;
    const winnerName = a1.ok ? '王小明' : 'Li Na 李娜';
    expect((await joined).agentName).toBe(winnerName);

    // 4. the winner sees the whole transcript, bot turns included
    const transcript = await api<{ messages: MessageView[] }>(t.url, `/api/conversations/${conversationId}`, {
      cookie: a1.ok ? agent1Cookie : agent2Cookie,
    });
    expect(transcript.status).toBe(200);
    const kinds = transcript.body.messages.map((m) => m.author.kind);
    expect(kinds.slice(0, 2)).toEqual(['customer', 'bot']);
    expect(transcript.body.messages.map((m) => m.seq)).toEqual(transcript.body.messages.map((_, i) => i + 1));

    // replies flow both ways, live
    const toCustomer = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
    const reply = await emit<{ message: MessageView }>(winner, 'message:send', {
      conversationId,
      clientId: clientId(),
      text: '您好，我来帮您查一下',
    });
    expect(reply.ok).toBe(true);
    const got = await toCustomer;
    expect(got.text).toBe('您好，我来帮您查一下');
    expect(got.author.name).toBe(winnerName);

    const toAgent = waitFor<MessageView>(winner, 'message:new', (m) => m.author.kind === 'customer');
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '订单号 202611230001' });
    expect((await toAgent).text).toBe('订单号 202611230001');

    // the loser may not reply
    const loser = a1.ok ? agent2 : agent1;
    const denied = await emit(loser, 'message:send', { conversationId, clientId: clientId(), text: 'hi' });
    expect(!denied.ok && denied.error.code).toBe('not_assignee');

    // 5. resolve: the customer is told
    const resolvedForCustomer = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'resolved',
    );
    const notice = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.notice?.code === 'resolved');
    const resolved = await emit<{ conversation: AgentConversation }>(winner, 'conversation:resolve', {
      conversationId,
    });
    expect(resolved.ok && resolved.data.conversation.status).toBe('resolved');
    await Promise.all([resolvedForCustomer, notice]);

    // 6. reload: the same token brings the same conversation and its history back
    const again = await api<WidgetSession>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: customer.token },
    });
    expect(again.body.visitorToken).toBe(customer.token);
    expect(again.body.conversation?.id).toBe(conversationId);
    expect(again.body.conversation?.status).toBe('resolved');
    expect(again.body.messages.map((m) => m.text)).toContain('您好，我来帮您查一下');
    expect(again.body.messages.map((m) => m.text)).toContain('怎么开发票');
  });

  it('records every transition in the event log', async () => {
    const customer = await newCustomer(t, 'en');
    const queued = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'queued',
    );
    await emit(customer.socket, 'handoff:request', {});
    const { id } = await queued;
    const events = await t.app.ctx.store.events.listByConversation(id);
    // an agent is online: the router may already have offered it to them (logged as an `offer`)
    const transitions = events.filter((e) => e.type !== 'offer');
    expect(transitions.map((e) => [e.type, e.fromStatus, e.toStatus])).toEqual([
      ['create', null, 'bot'],
      ['requestHuman', 'bot', 'queued'],
    ]);
  });
});
