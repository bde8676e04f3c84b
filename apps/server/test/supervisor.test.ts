import type {
  AgentConversation,
  MessageView,
  PersonInvited,
  SupervisorWall,
  TeamView,
  WidgetConversation,
} from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/services/tokens.ts';
import { api, clientId, connect, emit, loginCookie, startTestApp, type TestApp, waitFor } from './harness.ts';

type Staff = { socket: Socket; cookie: string; id: string; name: string };
type ErrorReply = { error: { code: string } };

async function staff(t: TestApp, email: string, password?: string): Promise<Staff> {
  const cookie = await loginCookie(t.url, email, password);
  const me = await api<{ me: { id: string; name: string } }>(t.url, '/api/auth/me', { cookie });
  const socket = await connect(t, '/agent', { cookie });
  return { socket, cookie, id: me.body.me.id, name: me.body.me.name };
}

/** A customer with a name, connected to the widget. */
async function customer(t: TestApp, name: string) {
  const session = await api<{ visitorToken: string }>(t.url, '/api/widget/session', {
    body: { workspace: 'demo', locale: 'zh', name },
  });
  const token = session.body.visitorToken;
  const socket = await connect(t, '/widget', { token });
  return { socket, token, name };
}
type Customer = Awaited<ReturnType<typeof customer>>;

async function askForPerson(c: Customer): Promise<string> {
  const ack = await emit<{ conversation: WidgetConversation }>(c.socket, 'handoff:request', {});
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  return ack.data.conversation.id;
}

async function ok<T>(ack: Promise<{ ok: boolean; data?: T; error?: unknown }>): Promise<T> {
  const result = await ack;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data as T;
}

describe.each<TestDriver>(['pglite', 'postgres'])(
  'supervisor: the wall, reassigning, taking over, whispers (%s)',
  (driver) => {
    let t: TestApp;
    let admin: Staff;
    let supervisor: Staff;
    let agent1: Staff;
    let agent2: Staff;
    let teamA: string;
    let teamB: string;

    const wall = async (cookie = supervisor.cookie) => {
      const res = await api<SupervisorWall>(t.url, '/api/supervisor/wall', { cookie });
      expect(res.status).toBe(200);
      return res.body;
    };
    const transfer = (who: Staff, id: string, to: unknown) =>
      api<{ conversation: AgentConversation } & ErrorReply>(t.url, `/api/conversations/${id}/transfer`, {
        cookie: who.cookie,
        body: { to },
      });

    beforeAll(async () => {
      // a person away past a second is offline; the wall's teams keep conversations for an hour meanwhile
      t = await startTestApp(driver, { routingOfflineGraceSeconds: 1, routingTickMs: 100 });
      admin = await staff(t, 'admin@tandem.demo');
      const invited = await api<PersonInvited>(t.url, '/api/admin/people', {
        cookie: admin.cookie,
        body: { name: '赵主管 Zhao', email: 'supervisor@tandem.demo', role: 'supervisor' },
      });
      expect(invited.status).toBe(201);
      supervisor = await staff(t, 'supervisor@tandem.demo', invited.body.temporaryPassword);
      agent1 = await staff(t, 'agent1@tandem.demo');
      agent2 = await staff(t, 'agent2@tandem.demo');
      // two teams that pick by hand (no offers), so what waits there stays put
      const team = async (name: string, key: string, member: string) => {
        const res = await api<{ team: TeamView }>(t.url, '/api/admin/teams', {
          cookie: admin.cookie,
          body: { name, key, strategy: 'manual', offlineGraceSeconds: 3600, memberIds: [member] },
        });
        expect(res.status).toBe(201);
        return res.body.team.id;
      };
      teamA = await team('Wall A', 'wall-a', agent1.id);
      teamB = await team('Wall B', 'wall-b', agent2.id);
    });
    afterAll(async () => t?.close());

    it('shows queues per team, people with their load, SLA alerts, today’s ratings and the queue', async () => {
      // two customers waiting in team A (one of them for two minutes already), one in team B
      const a1 = await customer(t, '客户 A1');
      const a2 = await customer(t, '客户 A2');
      const b1 = await customer(t, '客户 B1');
      const [idA1, idA2, idB1] = [await askForPerson(a1), await askForPerson(a2), await askForPerson(b1)];
      for (const [id, teamId] of [
        [idA1, teamA],
        [idA2, teamA],
        [idB1, teamB],
      ] as const) {
        expect((await transfer(admin, id, { kind: 'team', teamId })).status).toBe(200);
      }
      await t.app.ctx.store.db
        .updateTable('conversations')
        .set({ queued_at: new Date(Date.now() - 120_000) })
        .where('id', '=', idA1)
        .execute();
      // B1 has waited ten minutes and its first-reply deadline has passed (as if the time had gone by)
      await t.app.ctx.store.db
        .updateTable('conversations')
        .set({
          queued_at: new Date(Date.now() - 600_000),
          first_response_due_at: new Date(Date.now() - 1000),
        })
        .where('id', '=', idB1)
        .execute();

      // agent1 serves a customer who has written and waits for an answer
      const served = await customer(t, '客户 S');
      const idS = await askForPerson(served);
      await ok(emit(agent1.socket, 'conversation:accept', { conversationId: idS }));
      await ok(emit(served.socket, 'message:send', { clientId: clientId(), text: '还在吗？' }));

      // agent2 served one in team B that ended, and the customer rated it 4
      const rated = await customer(t, '客户 R');
      const idR = await askForPerson(rated);
      expect((await transfer(admin, idR, { kind: 'team', teamId: teamB })).status).toBe(200);
      await ok(emit(agent2.socket, 'conversation:accept', { conversationId: idR }));
      await ok(emit(agent2.socket, 'conversation:resolve', { conversationId: idR }));
      await ok(emit(rated.socket, 'csat:submit', { conversationId: idR, score: 4 }));

      const w = await wall();
      expect(Date.parse(w.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
      const a = w.teams.find((x) => x.id === teamA);
      const b = w.teams.find((x) => x.id === teamB);
      expect(a).toMatchObject({ key: 'wall-a', name: 'Wall A', tier: 1, queued: 2, online: 1, away: 0 });
      expect(a).toMatchObject({ offline: 0, capacity: 5, load: 1 });
      expect(a?.longestWaitSeconds).toBeGreaterThanOrEqual(120);
      expect(a?.longestWaitSeconds).toBeLessThan(600);
      expect(b).toMatchObject({ queued: 1, online: 1, capacity: 5, load: 0 });
      expect(b?.longestWaitSeconds).toBeGreaterThanOrEqual(600);
      // the demo's teams are on the wall too; nothing waits in the general queue
      expect(w.teams.map((x) => x.key)).toEqual(expect.arrayContaining(['presale', 'complaints']));
      expect(w.general.queued).toBe(0);

      const one = w.agents.find((x) => x.id === agent1.id);
      expect(one).toMatchObject({ name: '王小明', role: 'agent', presence: 'online', load: 1, capacity: 5 });
      expect(one?.teams).toEqual(expect.arrayContaining([teamA]));
      expect(one?.oldestUnansweredSeconds).not.toBeNull();
      expect(w.agents.find((x) => x.id === agent2.id)).toMatchObject({
        load: 0,
        oldestUnansweredSeconds: null,
      });
      expect(w.agents.find((x) => x.id === supervisor.id)).toMatchObject({ role: 'supervisor' });

      expect(w.slaWarnings).toContainEqual({
        conversationId: idB1,
        customerName: '客户 B1',
        teamId: teamB,
        assigneeId: null,
        kind: 'first_response',
        level: 'breach',
        dueAt: expect.any(String),
        overdue: true,
      });
      expect(w.slaWarnings.find((s) => s.conversationId === idA2)).toBeUndefined();

      expect(w.csatToday).toMatchObject({ average: 4, count: 1, timezone: 'UTC' });
      expect(w.csatToday.byTeam).toEqual([{ teamId: teamB, average: 4, count: 1 }]);
      expect(Date.parse(w.csatToday.since)).toBeLessThanOrEqual(Date.now());

      // queue order: priority plus time waited, so B1 (ten minutes) and A1 (two) come first
      expect(w.queue.map((q) => q.conversationId)).toEqual([idB1, idA1, idA2]);
      // (the router may already be offering it to someone online: offeredTo is a person or null)
      expect(w.queue[0]).toMatchObject({ customerName: '客户 B1', teamId: teamB });
      expect(w.queue[0]?.waitingSeconds).toBeGreaterThanOrEqual(600);

      // an internal note is not an answer; a reply is
      await api(t.url, `/api/conversations/${idS}/messages`, {
        cookie: agent1.cookie,
        body: { clientId: clientId(), text: '查一下订单', internal: true },
      });
      expect((await wall()).agents.find((x) => x.id === agent1.id)?.oldestUnansweredSeconds).not.toBeNull();
      await ok(
        emit(agent1.socket, 'message:send', { conversationId: idS, clientId: clientId(), text: '在的' }),
      );
      expect((await wall()).agents.find((x) => x.id === agent1.id)?.oldestUnansweredSeconds).toBeNull();

      // 'today' follows the general queue's time zone when the workspace has business hours
      await api(t.url, '/api/admin/hours', {
        method: 'PUT',
        cookie: admin.cookie,
        body: { hours: { timezone: 'Asia/Shanghai', weekly: {}, holidays: [] } },
      });
      const local = await wall(admin.cookie);
      expect(local.csatToday.timezone).toBe('Asia/Shanghai');
      // midnight in Shanghai is 16:00 UTC
      expect(new Date(local.csatToday.since).getUTCHours()).toBe(16);
      await api(t.url, '/api/admin/hours', { method: 'PUT', cookie: admin.cookie, body: { hours: null } });

      for (const id of [idA1, idA2, idB1, idS])
        await ok(emit(admin.socket, 'conversation:resolve', { conversationId: id }));
    });

    it('is for supervisors and admins of the workspace only', async () => {
      expect((await api<ErrorReply>(t.url, '/api/supervisor/wall')).status).toBe(401);
      for (const who of [agent1, agent2]) {
        const denied = await api<ErrorReply>(t.url, '/api/supervisor/wall', { cookie: who.cookie });
        expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
      }
      const expert = await loginCookie(t.url, 'expert@tandem.demo');
      expect((await api<ErrorReply>(t.url, '/api/supervisor/wall', { cookie: expert })).status).toBe(403);

      // another workspace sees only its own: nothing of the demo's teams, people or customers
      const store = t.app.ctx.store;
      const other = await store.setup.createWorkspace({ slug: 'wall-other', name: 'Other shop' });
      await store.setup.createUser({
        workspaceId: other,
        email: 'boss@wall-other.test',
        name: 'Other boss',
        role: 'supervisor',
        passwordHash: await hashPassword('other-password'),
        locale: 'en',
      });
      const outsider = await loginCookie(t.url, 'boss@wall-other.test', 'other-password');
      const waiting = await customer(t, '客户 W');
      const id = await askForPerson(waiting);
      const theirs = await wall(outsider);
      expect(theirs.teams).toEqual([]);
      expect(theirs.agents.map((x) => x.name)).toEqual(['Other boss']);
      expect(theirs.queue).toEqual([]);
      expect(theirs.slaWarnings).toEqual([]);
      expect(theirs.csatToday).toMatchObject({ average: null, count: 0, byTeam: [] });
      const ours = await wall();
      expect(ours.queue.map((q) => q.conversationId)).toContain(id);
      expect(ours.agents.map((x) => x.name)).not.toContain('Other boss');
      await ok(emit(admin.socket, 'conversation:resolve', { conversationId: id }));
    });

    it('reassigns a conversation held by an agent who went offline to an agent with capacity', async () => {
      const c = await customer(t, '客户 O');
      const id = await askForPerson(c);
      expect((await transfer(admin, id, { kind: 'team', teamId: teamB })).status).toBe(200);
      await ok(emit(agent2.socket, 'conversation:accept', { conversationId: id }));

      // agent2 closes their console: away, then offline; team B keeps the conversation with them meanwhile
      const offline = waitFor<{ userId: string; presence: string }>(
        supervisor.socket,
        'presence:changed',
        (p) => p.userId === agent2.id && p.presence === 'offline',
      );
      agent2.socket.disconnect();
      await offline;
      const held = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${id}`, {
        cookie: supervisor.cookie,
      });
      expect(held.body.conversation).toMatchObject({ status: 'assigned', assignee: { id: agent2.id } });

      // to someone offline (the expert has no console open): refused, nothing moves
      const expert = (await wall()).agents.find((x) => x.role === 'expert');
      expect(expert?.presence).toBe('offline');
      const refused = await transfer(supervisor, id, { kind: 'agent', userId: expert?.id });
      expect([refused.status, refused.body.error.code]).toEqual([409, 'target_unavailable']);

      const told = waitFor<MessageView>(
        c.socket,
        'message:new',
        (m) => m.notice?.code === 'transferred' && m.notice.agentName === '王小明',
      );
      const widgetView = waitFor<WidgetConversation>(
        c.socket,
        'conversation:updated',
        (v) => v.id === id && v.agentName === '王小明',
      );
      const moved = await transfer(supervisor, id, { kind: 'agent', userId: agent1.id });
      expect(moved.status).toBe(200);
      expect(moved.body.conversation).toMatchObject({ status: 'assigned', assignee: { id: agent1.id } });
      await told;
      await widgetView;
      const log = await t.app.ctx.store.events.listByConversation(id);
      expect(log.at(-1)).toMatchObject({ type: 'assign', actorId: supervisor.id });

      // back online for what follows (same session)
      agent2 = { ...agent2, socket: await connect(t, '/agent', { cookie: agent2.cookie }) };
      await ok(emit(admin.socket, 'conversation:resolve', { conversationId: id }));
    });

    it('lets a supervisor take over a conversation from an agent who is online, even past their own capacity', async () => {
      const c = await customer(t, '客户 T');
      const id = await askForPerson(c);
      await ok(emit(agent1.socket, 'conversation:accept', { conversationId: id }));

      // an agent cannot take a teammate's conversation
      const denied = await emit(agent2.socket, 'conversation:transfer', {
        conversationId: id,
        to: { kind: 'agent', userId: agent2.id },
      });
      expect(denied).toMatchObject({ ok: false, error: { code: 'not_assignee' } });

      // the supervisor's routing capacity is for offers: taking over is their own call
      const capped = await api(t.url, `/api/admin/staff/${supervisor.id}/routing`, {
        method: 'PUT',
        cookie: admin.cookie,
        body: { maxConcurrent: 1, skills: [], languages: ['zh', 'en'] },
      });
      expect(capped.status).toBe(200);
      const earlier = await customer(t, '客户 T0');
      const earlierId = await askForPerson(earlier);
      await ok(emit(supervisor.socket, 'conversation:accept', { conversationId: earlierId }));

      const previousConsole = waitFor<AgentConversation>(
        agent1.socket,
        'conversation:updated',
        (v) => v.id === id && v.assignee?.id === supervisor.id,
      );
      const told = waitFor<MessageView>(
        c.socket,
        'message:new',
        (m) => m.notice?.code === 'transferred' && m.notice.agentName === supervisor.name,
      );
      const taken = await ok(
        emit<{ conversation: AgentConversation }>(supervisor.socket, 'conversation:transfer', {
          conversationId: id,
          to: { kind: 'agent', userId: supervisor.id },
          note: 'taking this one',
        }),
      );
      expect(taken.conversation).toMatchObject({ status: 'assigned', assignee: { id: supervisor.id } });
      await previousConsole;
      await told;

      // the conversation is now the supervisor's: they answer, the previous agent may not
      await ok(emit(supervisor.socket, 'conversation:watch', { conversationId: id }));
      const reply = waitFor<MessageView>(c.socket, 'message:new', (m) => m.text === '我来处理');
      await ok(
        emit(supervisor.socket, 'message:send', {
          conversationId: id,
          clientId: clientId(),
          text: '我来处理',
        }),
      );
      expect((await reply).author).toEqual({ kind: 'agent', name: supervisor.name });
      const stale = await emit(agent1.socket, 'message:send', {
        conversationId: id,
        clientId: clientId(),
        text: 'x',
      });
      expect(stale).toMatchObject({ ok: false, error: { code: 'not_assignee' } });

      for (const conversationId of [id, earlierId])
        await ok(emit(supervisor.socket, 'conversation:resolve', { conversationId }));
    });

    it('whispers: internal notes from a supervisor in any conversation never reach the widget', async () => {
      const c = await customer(t, '客户 N');
      const id = await askForPerson(c);
      await ok(emit(agent1.socket, 'conversation:accept', { conversationId: id }));
      const seen: MessageView[] = [];
      c.socket.on('message:new', (m: MessageView) => seen.push(m));

      const whisper = '先别退款，等财务确认';
      const atAgent = waitFor<MessageView>(agent1.socket, 'message:new', (m) => m.text === whisper);
      const posted = await api<{ message: MessageView }>(t.url, `/api/conversations/${id}/messages`, {
        cookie: supervisor.cookie,
        body: { clientId: clientId(), text: whisper, internal: true },
      });
      expect(posted.status).toBe(201);
      expect(posted.body.message).toMatchObject({
        internal: true,
        author: { kind: 'agent', name: supervisor.name },
      });
      // the agent serving sees it live, marked internal
      expect((await atAgent).internal).toBe(true);

      // the customer: a later public reply arrives, the note never did (live, sync, or a new session)
      const after = waitFor<MessageView>(c.socket, 'message:new', (m) => m.text === '好的，马上为您处理');
      await ok(
        emit(agent1.socket, 'message:send', {
          conversationId: id,
          clientId: clientId(),
          text: '好的，马上为您处理',
        }),
      );
      await after;
      expect(seen.map((m) => m.text)).not.toContain(whisper);
      const synced = await ok(emit<{ messages: MessageView[] }>(c.socket, 'sync', { afterSeq: 0 }));
      expect(synced.messages.map((m) => m.text)).not.toContain(whisper);
      expect(synced.messages.map((m) => m.text)).toContain('好的，马上为您处理');
      const resumed = await api<{ messages: MessageView[] }>(t.url, '/api/widget/session', {
        body: { workspace: 'demo', visitorToken: c.token },
      });
      expect(resumed.body.messages.map((m) => m.text)).not.toContain(whisper);
      // staff see it in the transcript
      const transcript = await api<{ messages: MessageView[] }>(t.url, `/api/conversations/${id}`, {
        cookie: agent1.cookie,
      });
      expect(transcript.body.messages.find((m) => m.text === whisper)).toMatchObject({ internal: true });

      // also in a conversation the bot holds, and one waiting in the queue
      const botChat = await customer(t, '客户 Bot');
      const first = await ok(
        emit<{ message: MessageView }>(botChat.socket, 'message:send', {
          clientId: clientId(),
          text: '你好',
        }),
      );
      const botSeen: MessageView[] = [];
      botChat.socket.on('message:new', (m: MessageView) => botSeen.push(m));
      const queued = await customer(t, '客户 Q');
      const queuedId = await askForPerson(queued);
      for (const conversationId of [first.message.conversationId, queuedId]) {
        const note = await api(t.url, `/api/conversations/${conversationId}/messages`, {
          cookie: supervisor.cookie,
          body: { clientId: clientId(), text: '注意这位客户', internal: true },
        });
        expect(note.status).toBe(201);
      }
      const marker = waitFor<MessageView>(botChat.socket, 'message:new', (m) => m.text === '谢谢');
      await ok(emit(botChat.socket, 'message:send', { clientId: clientId(), text: '谢谢' }));
      await marker;
      expect(botSeen.map((m) => m.text)).not.toContain('注意这位客户');
      const queuedSync = await ok(emit<{ messages: MessageView[] }>(queued.socket, 'sync', { afterSeq: 0 }));
      expect(queuedSync.messages.map((m) => m.text)).not.toContain('注意这位客户');

      // not in another workspace's conversations
      const outsider = await loginCookie(t.url, 'boss@wall-other.test', 'other-password');
      const foreign = await api<ErrorReply>(t.url, `/api/conversations/${id}/messages`, {
        cookie: outsider,
        body: { clientId: clientId(), text: 'hi', internal: true },
      });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'conversation_not_found']);

      for (const conversationId of [id, queuedId])
        await ok(emit(admin.socket, 'conversation:resolve', { conversationId }));
    });
  },
);
