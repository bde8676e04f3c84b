import type {
  AgentConversation,
  MessageView,
  QueueStatus,
  TeamView,
  WidgetConversation,
} from '@tandem/protocol';
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

type Offered = { conversation: AgentConversation; expiresAt: string };
type Staff = { socket: Socket; cookie: string; id: string };

async function staff(t: TestApp, email: string): Promise<Staff> {
  const cookie = await loginCookie(t.url, email);
  const me = await api<{ me: { id: string } }>(t.url, '/api/auth/me', { cookie });
  const socket = await connect(t, '/agent', { cookie });
  return { socket, cookie, id: me.body.me.id };
}

/** The customer asks for a person; resolves with the conversation id once the ack arrived. */
async function askForPerson(customer: Awaited<ReturnType<typeof newCustomer>>) {
  const ack = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  return ack.data.conversation.id;
}

const offeredOn = (who: Staff, conversationId: string) =>
  waitFor<Offered>(who.socket, 'conversation:offered', (o) => o.conversation.id === conversationId);

describe('routing: offers, timeouts, offline agents, transfers, hand-back, CSAT', () => {
  let t: TestApp;
  let agent1: Staff;
  let agent2: Staff;
  let admin: Staff;

  beforeAll(async () => {
    t = await startTestApp('pglite', {
      routingOfferTimeoutSeconds: 2,
      routingOfflineGraceSeconds: 1,
      routingTickMs: 100,
    });
    admin = await staff(t, 'admin@tandem.demo');
    agent1 = await staff(t, 'agent1@tandem.demo');
    agent2 = await staff(t, 'agent2@tandem.demo');
  });
  afterAll(async () => t?.close());

  it('offers a waiting customer to an agent, and to the next one when the offer times out or is declined', async () => {
    const customer = await newCustomer(t, 'zh');
    const firstOffer = Promise.race([
      waitFor<Offered>(agent1.socket, 'conversation:offered').then((o) => ({ who: agent1, o })),
      waitFor<Offered>(agent2.socket, 'conversation:offered').then((o) => ({ who: agent2, o })),
    ]);
    const queueStatus = waitFor<QueueStatus>(customer.socket, 'queue:status');
    const id = await askForPerson(customer);
    const first = await firstOffer;
    expect(first.o.conversation.id).toBe(id);
    expect(first.o.conversation.offer?.userId).toBe(first.who.id);
    const status = await queueStatus;
    expect(status).toMatchObject({ conversationId: id, position: 1 });
    expect(status.agentsOnline).toBeGreaterThanOrEqual(2);

    // the first lets it lapse: withdrawn from them, offered to the other
    const other = first.who === agent1 ? agent2 : agent1;
    const withdrawn = waitFor<{ conversationId: string }>(
      first.who.socket,
      'offer:withdrawn',
      (w) => w.conversationId === id,
    );
    const second = await offeredOn(other, id);
    await withdrawn;
    expect(second.conversation.offer?.userId).toBe(other.id);

    // declining is only for the person offered
    const wrong = await emit(first.who.socket, 'conversation:decline', { conversationId: id });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'no_offer' } });
    const declined = await emit<{ conversation: AgentConversation }>(other.socket, 'conversation:decline', {
      conversationId: id,
    });
    expect(declined.ok).toBe(true);
    // both passed this round: it waits, unoffered, in the queue (an admin is not in the general pool)
    const row = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}`, {
      cookie: admin.cookie,
    });
    expect(row.body.conversation).toMatchObject({ status: 'queued', offer: null });

    // after an offer's time, a new round: it is offered again (nobody is left out for good for one miss)
    await Promise.race([offeredOn(agent1, id), offeredOn(agent2, id)]);

    // anyone may still pick it from the queue
    const accepted = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:accept', {
      conversationId: id,
    });
    expect(accepted.ok && accepted.data.conversation.status).toBe('assigned');
    await emit(agent1.socket, 'conversation:resolve', { conversationId: id });
  });

  it('re-queues the conversations of an agent who went offline past the grace period, and tells the customer', async () => {
    const solo = await staff(t, 'expert@tandem.demo'); // not in the general pool: only agent1/agent2 get offers
    solo.socket.disconnect();
    const customer = await newCustomer(t, 'en');
    const id = await askForPerson(customer);
    const offer = await Promise.race([
      offeredOn(agent1, id).then(() => agent1),
      offeredOn(agent2, id).then(() => agent2),
    ]);
    const joined = waitFor<MessageView>(
      customer.socket,
      'message:new',
      (m) => m.notice?.code === 'agent_joined',
    );
    const ack = await emit<{ conversation: AgentConversation }>(offer.socket, 'conversation:accept', {
      conversationId: id,
    });
    expect(ack.ok).toBe(true);
    await joined;

    // the agent's only socket closes: offline; after the grace the customer is back in the queue, told so
    const left = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.notice?.code === 'agent_left');
    const queuedAgain = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'queued',
    );
    const other = offer === agent1 ? agent2 : agent1;
    const reoffered = offeredOn(other, id);
    // away when the connection closed (not by choice), then offline after the grace period
    const away = waitFor<{ userId: string; presence: string }>(
      admin.socket,
      'presence:changed',
      (p) => p.userId === offer.id && p.presence === 'away',
    );
    offer.socket.disconnect();
    await away;
    await left;
    await queuedAgain;
    await reoffered;
    const presenceOf = async (id: string) =>
      (
        await api<{ teammates: Array<{ id: string; presence: string }> }>(t.url, '/api/team', {
          cookie: admin.cookie,
        })
      ).body.teammates.find((m) => m.id === id)?.presence;

    // the agent comes back online for the next tests
    const back = await staff(t, offer === agent1 ? 'agent1@tandem.demo' : 'agent2@tandem.demo');
    if (offer === agent1) agent1 = back;
    else agent2 = back;
    // back online on reconnecting
    expect(await presenceOf(offer.id)).toBe('online');
    const row = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}`, {
      cookie: admin.cookie,
    });
    expect(row.body.conversation.status).toBe('queued');
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
  });

  it('transfers to a team, to the expert tier and to a person, with notes; refuses targets that cannot take it', async () => {
    const teams = (await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: agent1.cookie })).body
      .teams;
    const payments = teams.find((team) => team.key === 'payments') as TeamView;
    expect(payments.members.map((m) => m.id)).toContain(agent2.id);

    const customer = await newCustomer(t, 'zh');
    const id = await askForPerson(customer);
    // agent1 takes it (straight from the queue)
    const accepted = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:accept', {
      conversationId: id,
    });
    expect(accepted.ok).toBe(true);

    // a plain agent cannot move a conversation that is not theirs
    const notMine = await emit(agent2.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'expert' },
    });
    expect(notMine).toMatchObject({ ok: false, error: { code: 'not_assignee' } });

    // the expert is offline: refused, nothing moved
    const noExpert = await emit(agent1.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'expert' },
    });
    expect(noExpert).toMatchObject({ ok: false, error: { code: 'target_unavailable' } });

    // to the payments team: back in a queue, offered to its member agent2; the customer is told
    const toldTeam = waitFor<MessageView>(
      customer.socket,
      'message:new',
      (m) => m.notice?.code === 'transferred',
    );
    const offeredToAgent2 = offeredOn(agent2, id);
    const moved = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'team', teamId: payments.id },
      note: '客户要开发票',
    });
    expect(moved.ok && moved.data.conversation).toMatchObject({
      status: 'queued',
      team: { id: payments.id },
    });
    expect((await toldTeam).notice?.teamName).toBe(payments.name);
    await offeredToAgent2;
    await emit(agent2.socket, 'conversation:accept', { conversationId: id });

    // to the expert tier once the expert is online
    const expert = await staff(t, 'expert@tandem.demo');
    const offeredToExpert = offeredOn(expert, id);
    const up = await emit<{ conversation: AgentConversation }>(agent2.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'expert' },
      note: 'angry about a refund',
    });
    expect(up.ok && up.data.conversation.team?.tier).toBe(2);
    await offeredToExpert;
    await emit(expert.socket, 'conversation:accept', { conversationId: id });

    // to a person: assigned to them at once
    const direct = await emit<{ conversation: AgentConversation }>(expert.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'agent', userId: agent1.id },
    });
    expect(direct.ok && direct.data.conversation).toMatchObject({
      status: 'assigned',
      assignee: { id: agent1.id },
    });

    // every transfer is in the conversation's event log
    const events = await t.app.ctx.store.events.listByConversation(id);
    expect(events.filter((e) => e.type === 'transfer' || e.type === 'assign').length).toBe(3);
    expect(events.find((e) => e.type === 'transfer')?.data).toMatchObject({ note: '客户要开发票' });
    expert.socket.disconnect();
    await emit(agent1.socket, 'conversation:resolve', { conversationId: id });
  });

  it('a transfer to a team with nobody online goes to its fallback team when one is configured', async () => {
    const teams = (await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: admin.cookie })).body
      .teams;
    const payments = teams.find((team) => team.key === 'payments') as TeamView;
    const complaints = teams.find((team) => team.key === 'complaints') as TeamView; // its expert is offline
    const night = await api<{ team: TeamView }>(t.url, '/api/admin/teams', {
      cookie: admin.cookie,
      body: { name: '夜班 Night', key: 'night', memberIds: complaints.members.map((m) => m.id) },
    });
    const customer = await newCustomer(t, 'zh');
    const id = await askForPerson(customer);
    await emit(agent1.socket, 'conversation:accept', { conversationId: id });
    const refused = await emit(agent1.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'team', teamId: night.body.team.id },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'target_unavailable' } });
    // the person passing it on does not count as someone in the team to take it
    const solo = await api<{ team: TeamView }>(t.url, '/api/admin/teams', {
      cookie: admin.cookie,
      body: { name: 'Solo', key: 'solo', memberIds: [agent1.id] },
    });
    const toSelf = await emit(agent1.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'team', teamId: solo.body.team.id },
    });
    expect(toSelf).toMatchObject({ ok: false, error: { code: 'target_unavailable' } });
    await api(t.url, `/api/admin/teams/${solo.body.team.id}`, { method: 'DELETE', cookie: admin.cookie });

    const self = await api(t.url, `/api/admin/teams/${night.body.team.id}`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { name: '夜班 Night', key: 'night', fallbackTeamId: night.body.team.id },
    });
    expect(self.status).toBe(400);
    await api(t.url, `/api/admin/teams/${night.body.team.id}`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: {
        name: '夜班 Night',
        key: 'night',
        memberIds: complaints.members.map((m) => m.id),
        fallbackTeamId: payments.id,
      },
    });
    const moved = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:transfer', {
      conversationId: id,
      to: { kind: 'team', teamId: night.body.team.id },
    });
    expect(moved.ok && moved.data.conversation.team?.id).toBe(payments.id);
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
    await api(t.url, `/api/admin/teams/${night.body.team.id}`, { method: 'DELETE', cookie: admin.cookie });
  });

  it('hands a conversation back to the bot, which answers what comes next (and nothing before)', async () => {
    const customer = await newCustomer(t, 'zh');
    const id = await askForPerson(customer);
    await emit(agent1.socket, 'conversation:accept', { conversationId: id });
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '我还想问一下' });
    const toBot = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:handback', {
      conversationId: id,
    });
    expect(toBot.ok && toBot.data.conversation.status).toBe('bot');
    const reply = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '怎么退货' });
    const bot = await reply;
    expect(bot.text.length).toBeGreaterThan(0);
    // only the message after the hand-back was answered
    const messages = await t.app.ctx.store.messages.listByConversation(id);
    expect(messages.filter((m) => m.authorKind === 'bot').length).toBeGreaterThanOrEqual(1);
    const firstBot = messages.find((m) => m.authorKind === 'bot');
    const handBackNotice = messages.find((m) => m.notice?.code === 'back_to_bot');
    expect(firstBot && handBackNotice && firstBot.seq > handBackNotice.seq).toBe(true);
  });

  it('keeps watch while the customer waits: live anti-fraud rules, a repeated request, a FAQ answered as the bot', async () => {
    const customer = await newCustomer(t, 'zh');
    const id = await askForPerson(customer);
    const botSays = () =>
      waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');

    const fraud = botSays();
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '客服让我把验证码告诉他' });
    expect((await fraud).text).toContain('绝不会向您索要验证码');
    const tagged = await t.app.ctx.store.conversations.findById(id);
    expect(tagged?.status).toBe('queued');
    expect(tagged?.tags).toContain('fraud-risk');

    const again = botSays();
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '找客服' });
    expect((await again).text).toContain('您已在排队');

    const faq = botSays();
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '怎么申请退货' });
    const answer = await faq;
    expect(answer.text.length).toBeGreaterThan(10);
    expect((await t.app.ctx.store.conversations.findById(id))?.status).toBe('queued');

    // once a person serves it, the bot is silent (and does not answer later what the person answered)
    await emit(agent1.socket, 'conversation:accept', { conversationId: id });
    const personGot = waitFor<MessageView>(agent1.socket, 'message:new', (m) => m.text === '怎么申请退货呢');
    await emit(customer.socket, 'message:send', { clientId: clientId(), text: '怎么申请退货呢' });
    await personGot;
    const released = await emit<{ conversation: AgentConversation }>(agent1.socket, 'conversation:release', {
      conversationId: id,
    });
    expect(released.ok && released.data.conversation.status).toBe('queued');
    const after = await t.app.ctx.store.conversations.findById(id);
    expect(after?.botSeq).toBe(after?.customerSeq);
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
  });

  it('a customer flooding the queue is rate-limited and keeps their conversation and place', async () => {
    const customer = await newCustomer(t, 'en');
    const id = await askForPerson(customer);
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        emit(customer.socket, 'message:send', { clientId: clientId(), text: `hello ${i}` }),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
    const stored = (await t.app.ctx.store.messages.listByConversation(id)).filter(
      (m) => m.authorKind === 'customer',
    );
    expect(stored).toHaveLength(acks.filter((a) => a.ok).length);
    const row = await t.app.ctx.store.conversations.findById(id);
    expect(row?.status).toBe('queued');
    await emit(admin.socket, 'conversation:resolve', { conversationId: id });
  });

  it('asks the customer for a rating once the conversation ended, once', async () => {
    const customer = await newCustomer(t, 'en');
    const id = await askForPerson(customer);
    const early = await emit(customer.socket, 'csat:submit', { conversationId: id, score: 5 });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid_transition' } });
    await emit(agent1.socket, 'conversation:accept', { conversationId: id });
    const ended = waitFor<WidgetConversation>(
      customer.socket,
      'conversation:updated',
      (c) => c.status === 'resolved',
    );
    await emit(agent1.socket, 'conversation:resolve', { conversationId: id });
    expect((await ended).rated).toBe(false);

    const bad = await emit(customer.socket, 'csat:submit', { conversationId: id, score: 6 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const stranger = await newCustomer(t, 'en');
    const notTheirs = await emit(stranger.socket, 'csat:submit', { conversationId: id, score: 1 });
    expect(notTheirs).toMatchObject({ ok: false, error: { code: 'conversation_not_found' } });

    const rated = await emit<{ conversation: WidgetConversation }>(customer.socket, 'csat:submit', {
      conversationId: id,
      score: 4,
      comment: '  quick and kind  ',
    });
    expect(rated.ok && rated.data.conversation.rated).toBe(true);
    const again = await emit(customer.socket, 'csat:submit', { conversationId: id, score: 1 });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_rated' } });
    const row = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}`, {
      cookie: agent1.cookie,
    });
    expect(row.body.conversation.csat).toEqual({ score: 4, comment: 'quick and kind' });
  });

  it('teams and routing profiles: admins change them, agents read them, bad input is refused', async () => {
    const body = { name: 'VIP 专席', key: 'vip', tier: 1, strategy: 'round_robin', memberIds: [agent1.id] };
    const forbidden = await api(t.url, '/api/admin/teams', { cookie: agent1.cookie, body });
    expect(forbidden.status).toBe(403);
    const created = await api<{ team: TeamView }>(t.url, '/api/admin/teams', { cookie: admin.cookie, body });
    expect(created.status).toBe(201);
    expect(created.body.team).toMatchObject({
      name: 'VIP 专席',
      strategy: 'round_robin',
      offerTimeoutSeconds: 30,
    });
    expect(created.body.team.members.map((m) => m.id)).toEqual([agent1.id]);
    const clash = await api<{ error: { code: string } }>(t.url, '/api/admin/teams', {
      cookie: admin.cookie,
      body: { ...body, name: 'vip 专席', key: 'other' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
    const badKey = await api(t.url, '/api/admin/teams', {
      cookie: admin.cookie,
      body: { ...body, key: 'Has Space' },
    });
    expect(badKey.status).toBe(400);
    const nul = await api(t.url, '/api/admin/teams', {
      cookie: admin.cookie,
      body: { ...body, name: 'a\u0000b' },
    });
    expect(nul.status).toBe(400);

    const updated = await api<{ team: TeamView }>(t.url, `/api/admin/teams/${created.body.team.id}`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { ...body, memberIds: [agent1.id, agent2.id, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(updated.body.team.members.map((m) => m.id).sort()).toEqual([agent1.id, agent2.id].sort());

    const profile = await api<{ staff: { maxConcurrent: number; skills: string[]; languages: string[] } }>(
      t.url,
      `/api/admin/staff/${agent2.id}/routing`,
      {
        method: 'PUT',
        cookie: admin.cookie,
        body: { maxConcurrent: 8, skills: ['billing'], languages: ['en', 'en'] },
      },
    );
    expect(profile.body.staff).toMatchObject({ maxConcurrent: 8, skills: ['billing'], languages: ['en'] });
    const badProfile = await api(t.url, `/api/admin/staff/${agent2.id}/routing`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { maxConcurrent: 0, skills: [], languages: [] },
    });
    expect(badProfile.status).toBe(400);
    await api(t.url, `/api/admin/staff/${agent2.id}/routing`, {
      method: 'PUT',
      cookie: admin.cookie,
      body: { maxConcurrent: 5, skills: [], languages: ['zh', 'en'] },
    });
    const removed = await api(t.url, `/api/admin/teams/${created.body.team.id}`, {
      method: 'DELETE',
      cookie: admin.cookie,
    });
    expect(removed.status).toBe(200);
    const gone = await api(t.url, `/api/admin/teams/${created.body.team.id}`, {
      method: 'DELETE',
      cookie: admin.cookie,
    });
    expect(gone.status).toBe(404);
  });
});
