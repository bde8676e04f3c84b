import type { AddressInfo } from 'node:net';
import type {
  AgentConversation,
  MessageView,
  Person,
  PersonInvited,
  PersonPasswordReset,
  TeamView,
  WidgetConversation,
} from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatePerson } from '../src/services/people.ts';
import { hashPassword } from '../src/services/tokens.ts';
import {
  api,
  connect,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

type ErrorReply = { error: { code: string; details?: Array<{ path: string }> } };
type Me = { me: { id: string; role: string; mustChangePassword?: boolean } };

/** A local SMTP server: every message it receives, parsed. */
async function startSmtp() {
  const waiters: Array<(mail: ParsedMail) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
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

async function login(t: TestApp, email: string, password: string) {
  return api<Me & ErrorReply>(t.url, '/api/auth/login', { body: { email, password } });
}
const cookieOf = (res: { headers: Headers }) => (res.headers.get('set-cookie') ?? '').split(';')[0] as string;

const invite = (t: TestApp, cookie: string, body: Record<string, unknown>) =>
  api<PersonInvited & ErrorReply>(t.url, '/api/admin/people', { cookie, body });
const update = (t: TestApp, cookie: string, id: string, body: unknown) =>
  api<{ person: Person } & ErrorReply>(t.url, `/api/admin/people/${id}`, { method: 'PUT', cookie, body });
const list = async (t: TestApp, cookie: string) =>
  (await api<{ people: Person[] }>(t.url, '/api/admin/people', { cookie })).body.people;

// sign-ins are limited to 10 a minute per address: each describe has its own server (and budget)

describe('people: invitations, passwords, who may manage people', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: string;
  let presale: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp('pglite', {
      smtp: { url: smtp.url, from: 'Tandem <no-reply@tandem.demo>' },
      publicUrl: null,
    });
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    const teams = await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: admin });
    presale = teams.body.teams.find((x) => x.key === 'presale')?.id as string;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('invites a person, who signs in with the temporary password and then chooses their own', async () => {
    const mail = smtp.next();
    const res = await invite(t, admin, {
      name: '陈新 Chen',
      email: 'Chen.Xin@Tandem.demo',
      role: 'agent',
      teamIds: [presale],
      maxConcurrent: 3,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { person, temporaryPassword } = res.body;
    expect(person).toMatchObject({
      name: '陈新 Chen',
      email: 'chen.xin@tandem.demo',
      role: 'agent',
      disabled: false,
      teams: [presale],
      maxConcurrent: 3,
      presence: 'offline',
      lastLoginAt: null,
      mustChangePassword: true,
    });
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect(res.body.invitationEmail).toBe('sending');
    // the invitation e-mail, in their language, with the address and the temporary password
    const email = await mail;
    expect(email.to && 'text' in email.to ? email.to.text : '').toContain('chen.xin@tandem.demo');
    expect(email.subject).toContain('同行优选 Tandem Market');
    expect(email.text).toContain(temporaryPassword);

    // they appear in the team and in the list; the temporary password is never readable again
    const teams = await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: admin });
    expect(teams.body.teams.find((x) => x.id === presale)?.members.map((m) => m.id)).toContain(person.id);
    const listed = (await list(t, admin)).find((p) => p.id === person.id);
    expect(JSON.stringify(listed)).not.toContain(temporaryPassword);

    const signedIn = await login(t, 'chen.xin@tandem.demo', temporaryPassword);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.me).toMatchObject({ id: person.id, role: 'agent', mustChangePassword: true });
    const cookie = cookieOf(signedIn);
    const me = await api<Me>(t.url, '/api/auth/me', { cookie });
    expect(me.body.me.mustChangePassword).toBe(true);
    expect((await list(t, admin)).find((p) => p.id === person.id)?.lastLoginAt).not.toBeNull();

    // choosing their own: the current password must be right, the new one long enough
    const wrong = await api<ErrorReply>(t.url, '/api/auth/password', {
      cookie,
      body: { currentPassword: 'not-it', newPassword: 'a-long-new-password' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
    const short = await api<ErrorReply>(t.url, '/api/auth/password', {
      cookie,
      body: { currentPassword: temporaryPassword, newPassword: 'short' },
    });
    expect([short.status, short.body.error.code]).toEqual([400, 'validation_failed']);
    const changed = await api(t.url, '/api/auth/password', {
      cookie,
      body: { currentPassword: temporaryPassword, newPassword: 'my-own-password-1' },
    });
    expect(changed.status).toBe(200);
    expect((await api<Me>(t.url, '/api/auth/me', { cookie })).body.me.mustChangePassword).toBe(false);
    expect((await login(t, 'chen.xin@tandem.demo', temporaryPassword)).body.error.code).toBe(
      'invalid_credentials',
    );
  });

  it('resets a password: a new temporary one, and every session of theirs ends at once', async () => {
    const invited = await invite(t, admin, {
      name: 'Reset Me',
      email: 'reset.me@tandem.demo',
      role: 'expert',
    });
    await smtp.next();
    const first = await login(t, 'reset.me@tandem.demo', invited.body.temporaryPassword);
    const cookie = cookieOf(first);
    const socket = await connect(t, '/agent', { cookie });
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    const reset = await api<PersonPasswordReset>(
      t.url,
      `/api/admin/people/${invited.body.person.id}/reset-password`,
      { cookie: admin, body: {} },
    );
    expect(reset.status).toBe(200);
    expect(reset.body.sessionsRevoked).toBe(1);
    expect(reset.body.person.mustChangePassword).toBe(true);
    expect(reset.body.temporaryPassword).not.toBe(invited.body.temporaryPassword);
    await closed;
    expect((await api<ErrorReply>(t.url, '/api/auth/me', { cookie })).status).toBe(401);
    expect((await login(t, 'reset.me@tandem.demo', reset.body.temporaryPassword)).status).toBe(200);
  });

  it('refuses a taken e-mail address and bad input with stable codes', async () => {
    const taken = await invite(t, admin, { name: 'Dup', email: 'CHEN.XIN@tandem.demo', role: 'agent' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'email_taken']);
    const demo = await invite(t, admin, { name: 'Dup', email: 'agent1@tandem.demo', role: 'agent' });
    expect(demo.body.error.code).toBe('email_taken');

    const bad = async (body: unknown, path: string) => {
      const res = await invite(t, admin, body as Record<string, unknown>);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
      expect(res.body.error.details?.map((d) => d.path)).toContain(path);
    };
    await bad({ email: 'x@tandem.demo', role: 'agent' }, 'name');
    await bad({ name: ' ', email: 'x@tandem.demo', role: 'agent' }, 'name');
    await bad({ name: 'X', email: 'not-an-address', role: 'agent' }, 'email');
    await bad({ name: 'X', email: 'x@tandem.demo', role: 'owner' }, 'role');
    await bad({ name: 'X', email: 'x@tandem.demo', role: 'agent', maxConcurrent: 0 }, 'maxConcurrent');
    await bad({ name: 'X', email: 'x@tandem.demo', role: 'agent', teamIds: ['nope'] }, 'teamIds.0');
    await bad({ name: 'A\u0000B', email: 'x@tandem.demo', role: 'agent' }, 'name');
    const unknownTeam = await invite(t, admin, {
      name: 'X',
      email: 'x@tandem.demo',
      role: 'agent',
      teamIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect([unknownTeam.status, unknownTeam.body.error.code]).toEqual([404, 'not_found']);
    // nothing was created by the refused invitations
    expect((await list(t, admin)).map((p) => p.email)).not.toContain('x@tandem.demo');

    const someone = (await list(t, admin)).find((p) => p.email === 'agent2@tandem.demo') as Person;
    const empty = await update(t, admin, someone.id, {});
    expect([empty.status, empty.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await update(t, admin, someone.id, { role: 'boss' })).status).toBe(400);
    expect((await update(t, admin, someone.id, { languages: [] })).status).toBe(400);
    expect((await update(t, admin, 'not-a-uuid', { name: 'X' })).status).toBe(400);
    const missing = await update(t, admin, '00000000-0000-4000-8000-000000000000', { name: 'X' });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
  });

  it('lets supervisors read the list but only admins change people', async () => {
    const invited = await invite(t, admin, {
      name: 'Sup',
      email: 'sup@tandem.demo',
      role: 'supervisor',
      locale: 'en',
    });
    const mail = await smtp.next();
    expect(mail.subject).toContain('You are invited');
    const supervisor = cookieOf(await login(t, 'sup@tandem.demo', invited.body.temporaryPassword));
    const agent = await loginCookie(t.url, 'agent1@tandem.demo');

    const people = await list(t, supervisor);
    expect(people.map((p) => p.email)).toEqual(
      expect.arrayContaining(['admin@tandem.demo', 'sup@tandem.demo']),
    );
    const denied = await api<ErrorReply>(t.url, '/api/admin/people', { cookie: agent });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
    expect((await api(t.url, '/api/admin/people')).status).toBe(401);

    const target = people.find((p) => p.email === 'agent2@tandem.demo') as Person;
    for (const cookie of [supervisor, agent]) {
      expect((await invite(t, cookie, { name: 'X', email: 'y@tandem.demo', role: 'admin' })).status).toBe(
        403,
      );
      expect((await update(t, cookie, target.id, { role: 'admin' })).status).toBe(403);
      const reset = await api(t.url, `/api/admin/people/${target.id}/reset-password`, { cookie, body: {} });
      expect(reset.status).toBe(403);
    }
    const openapi = await api<{ paths: Record<string, unknown> }>(t.url, '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/people',
        '/api/admin/people/{id}',
        '/api/admin/people/{id}/reset-password',
        '/api/auth/password',
        '/api/supervisor/wall',
      ]),
    );

    // an admin changes a person's name, teams and routing profile (what is left out stays)
    const changed = await update(t, admin, target.id, {
      name: 'Li Na 李娜 (晚班)',
      teamIds: [presale],
      maxConcurrent: 7,
      skills: ['refund'],
      languages: ['en', 'en'],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.person).toMatchObject({
      name: 'Li Na 李娜 (晚班)',
      role: 'agent',
      teams: [presale],
      maxConcurrent: 7,
      skills: ['refund'],
      languages: ['en'],
    });
  });
});

// on PostgreSQL too: the last-admin guard relies on its row locks
describe.each<TestDriver>(['pglite', 'postgres'])(
  'people: disabling, the last admin, role changes, workspaces (%s)',
  (driver) => {
    let t: TestApp;
    let admin: string;
    let adminId: string;

    beforeAll(async () => {
      t = await startTestApp(driver);
      const signedIn = await login(t, 'admin@tandem.demo', 'tandem-demo');
      admin = cookieOf(signedIn);
      adminId = signedIn.body.me.id;
    });
    afterAll(async () => t?.close());

    it('disables a person: sessions end, they cannot sign in, their conversations go back to the queue', async () => {
      const invited = await invite(t, admin, {
        name: '临时工 Temp',
        email: 'temp@tandem.demo',
        role: 'agent',
      });
      const password = invited.body.temporaryPassword;
      const id = invited.body.person.id;
      const cookie = cookieOf(await login(t, 'temp@tandem.demo', password));
      const adminSocket = await connect(t, '/agent', { cookie: admin });
      const online = waitFor<{ userId: string; presence: string }>(
        adminSocket,
        'presence:changed',
        (p) => p.userId === id && p.presence === 'online',
      );
      const socket: Socket = await connect(t, '/agent', { cookie });
      await online;

      // they serve one customer, and another is offered to them (the only agent online)
      const served = await newCustomer(t, 'zh');
      const servedAck = await emit<{ conversation: WidgetConversation }>(
        served.socket,
        'handoff:request',
        {},
      );
      expect(servedAck).toMatchObject({ ok: true });
      const servedId = servedAck.ok ? servedAck.data.conversation.id : '';
      const acceptAck = await emit(socket, 'conversation:accept', { conversationId: servedId });
      expect(acceptAck).toMatchObject({ ok: true });
      const waiting = await newCustomer(t, 'zh');
      const offered = waitFor<{ conversation: AgentConversation }>(
        socket,
        'conversation:offered',
        (o) => o.conversation.id !== servedId,
      );
      const waitingAck = await emit<{ conversation: WidgetConversation }>(
        waiting.socket,
        'handoff:request',
        {},
      );
      const waitingId = waitingAck.ok ? waitingAck.data.conversation.id : '';
      expect((await offered).conversation.id).toBe(waitingId);

      const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
      const left = waitFor<MessageView>(served.socket, 'message:new', (m) => m.notice?.code === 'agent_left');
      const withdrawn = waitFor<AgentConversation>(
        adminSocket,
        'conversation:updated',
        (c) => c.id === waitingId && c.offer === null,
      );
      const disabled = await update(t, admin, id, { disabled: true });
      expect(disabled.status).toBe(200);
      expect(disabled.body.person).toMatchObject({ disabled: true, presence: 'offline' });
      await closed;
      await left;
      await withdrawn;
      const back = await api<{ conversation: AgentConversation }>(t.url, `/api/conversations/${servedId}`, {
        cookie: admin,
      });
      expect(back.body.conversation).toMatchObject({ status: 'queued', assignee: null });
      const log = await t.app.ctx.store.events.listByConversation(servedId);
      expect(log.at(-1)).toMatchObject({ type: 'release', data: { why: 'agent_offline', userId: id } });

      // their session is over; signing in is refused with a clear code, but only to whoever knows the password
      expect((await api(t.url, '/api/auth/me', { cookie })).status).toBe(401);
      const refused = await login(t, 'temp@tandem.demo', password);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'account_disabled']);
      const guessed = await login(t, 'temp@tandem.demo', 'a-wrong-guess');
      expect([guessed.status, guessed.body.error.code]).toEqual([401, 'invalid_credentials']);
      // nobody can pass them a conversation, and they are not on the wall
      const transfer = await api<ErrorReply>(t.url, `/api/conversations/${servedId}/transfer`, {
        cookie: admin,
        body: { to: { kind: 'agent', userId: id } },
      });
      expect(transfer.body.error.code).toBe('target_unavailable');
      const wall = await api<{ agents: Array<{ id: string }> }>(t.url, '/api/supervisor/wall', {
        cookie: admin,
      });
      expect(wall.body.agents.map((a) => a.id)).not.toContain(id);

      // enabled again: they sign in
      expect((await update(t, admin, id, { disabled: false })).body.person.disabled).toBe(false);
      expect((await login(t, 'temp@tandem.demo', password)).status).toBe(200);
      for (const conversationId of [servedId, waitingId])
        await emit(adminSocket, 'conversation:resolve', { conversationId });
      adminSocket.disconnect();
    });

    it('keeps an admin: nobody disables or demotes themselves, and the last active admin stays', async () => {
      const self = await update(t, admin, adminId, { role: 'supervisor' });
      expect([self.status, self.body.error.code]).toEqual([403, 'cannot_change_self']);
      expect((await update(t, admin, adminId, { disabled: true })).body.error.code).toBe(
        'cannot_change_self',
      );
      // their own name is theirs to change
      expect((await update(t, admin, adminId, { name: '管理员 Admin' })).status).toBe(200);

      const second = await invite(t, admin, {
        name: 'Second Admin',
        email: 'admin2@tandem.demo',
        role: 'admin',
      });
      const admin2 = cookieOf(await login(t, 'admin2@tandem.demo', second.body.temporaryPassword));
      const admin2Id = second.body.person.id;
      // each as read before either change (what a request in flight acts on)
      const stale = {
        [adminId]: await t.app.ctx.store.users.findById(adminId),
        [admin2Id]: await t.app.ctx.store.users.findById(admin2Id),
      };

      // two admins demoting each other at once: one wins, the other is refused; an admin remains
      const [a, b] = await Promise.all([
        update(t, admin, admin2Id, { role: 'agent' }),
        update(t, admin2, adminId, { role: 'agent' }),
      ]);
      expect([a.status, b.status].sort()[0]).toBe(200);
      expect(['last_admin', 'forbidden']).toContain((a.status === 200 ? b : a).body.error.code);
      const [winner, loser] = a.status === 200 ? [adminId, admin2Id] : [admin2Id, adminId];
      const admins = (await list(t, a.status === 200 ? admin : admin2)).filter(
        (p) => p.role === 'admin' && !p.disabled,
      );
      expect(admins.map((p) => p.id)).toEqual([winner]);

      // deterministically: the one demoted, acting on what was read before, cannot remove the last admin
      const actor = stale[loser];
      if (!actor) throw new Error('missing admin');
      await expect(updatePerson(t.app.ctx, actor, winner, { disabled: true })).rejects.toMatchObject({
        code: 'last_admin',
      });
      await expect(updatePerson(t.app.ctx, actor, winner, { role: 'expert' })).rejects.toMatchObject({
        code: 'last_admin',
      });
      // whoever won is still admin; put the demo's admin back if it lost
      if (a.status !== 200) expect((await update(t, admin2, adminId, { role: 'admin' })).status).toBe(200);
    });

    it('a role change counts from the next request, also on a console already open', async () => {
      const invited = await invite(t, admin, {
        name: 'Promoted',
        email: 'promoted@tandem.demo',
        role: 'agent',
      });
      const cookie = cookieOf(await login(t, 'promoted@tandem.demo', invited.body.temporaryPassword));
      const socket = await connect(t, '/agent', { cookie });
      expect((await api(t.url, '/api/supervisor/wall', { cookie })).status).toBe(403);
      const customer = await newCustomer(t, 'en');
      const ack = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
      const conversationId = ack.ok ? ack.data.conversation.id : '';
      // giving a waiting conversation back to the bot is for supervisors and admins
      expect(await emit(socket, 'conversation:handback', { conversationId })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });

      expect((await update(t, admin, invited.body.person.id, { role: 'supervisor' })).status).toBe(200);
      expect((await api(t.url, '/api/supervisor/wall', { cookie })).status).toBe(200);
      expect((await api<Me>(t.url, '/api/auth/me', { cookie })).body.me.role).toBe('supervisor');
      expect((await emit(socket, 'conversation:handback', { conversationId })).ok).toBe(true);

      expect((await update(t, admin, invited.body.person.id, { role: 'agent' })).status).toBe(200);
      expect((await api(t.url, '/api/supervisor/wall', { cookie })).status).toBe(403);
      socket.disconnect();
    });

    it('keeps workspaces apart', async () => {
      const store = t.app.ctx.store;
      const other = await store.setup.createWorkspace({ slug: 'people-other', name: 'Other shop' });
      await store.setup.createUser({
        workspaceId: other,
        email: 'boss@people-other.test',
        name: 'Other boss',
        role: 'admin',
        passwordHash: await hashPassword('other-password'),
        locale: 'en',
      });
      const outsider = await loginCookie(t.url, 'boss@people-other.test', 'other-password');
      const theirs = await list(t, outsider);
      expect(theirs.map((p) => p.email)).toEqual(['boss@people-other.test']);

      const demoPerson = (await list(t, admin)).find((p) => p.email === 'agent1@tandem.demo') as Person;
      const foreign = await update(t, outsider, demoPerson.id, { disabled: true });
      expect([foreign.status, foreign.body.error.code]).toEqual([404, 'not_found']);
      const reset = await api<ErrorReply>(t.url, `/api/admin/people/${demoPerson.id}/reset-password`, {
        cookie: outsider,
        body: {},
      });
      expect([reset.status, reset.body.error.code]).toEqual([404, 'not_found']);
      // a demo team is not theirs to join
      const demoTeams = await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: admin });
      const joined = await invite(t, outsider, {
        name: 'X',
        email: 'x@people-other.test',
        role: 'agent',
        teamIds: [demoTeams.body.teams[0]?.id],
      });
      expect([joined.status, joined.body.error.code]).toEqual([404, 'not_found']);
      expect((await list(t, admin)).map((p) => p.email)).not.toContain('boss@people-other.test');
    });
  },
);
