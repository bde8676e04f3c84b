import {
  type CannedReplyView,
  fillReplyVariables,
  type MessageView,
  type ReplyVariable,
  replyVariableMap,
  type TeamView,
} from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCannedReplies } from '../src/demo/cannedReplies.ts';
import { hashPassword } from '../src/services/tokens.ts';
import { api, clientId, connect, emit, loginCookie, startTestApp, type TestApp } from './harness.ts';

type ErrorReply = { error: { code: string; details?: Array<{ path: string }> } };
type List = { replies: CannedReplyView[] };
type One = { reply: CannedReplyView };

describe('canned replies: scopes, roles, workspaces, shortcuts and variables', () => {
  let t: TestApp;
  const cookies = { admin: '', supervisor: '', agent1: '', agent2: '', expert: '', outsider: '' };
  let teams: TeamView[];
  let otherTeamId = '';

  beforeAll(async () => {
    t = await startTestApp();
    const store = t.app.ctx.store;
    const demo = await store.workspaces.findBySlug('demo');
    const passwordHash = await hashPassword('tandem-demo');
    await store.setup.createUser({
      workspaceId: demo?.id as string,
      email: 'supervisor@tandem.demo',
      name: '主管 Supervisor',
      role: 'supervisor',
      passwordHash,
      locale: 'zh',
    });
    const other = await store.setup.createWorkspace({ slug: 'canned-other', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: other,
      email: 'admin@canned-other.test',
      name: 'Other admin',
      role: 'admin',
      passwordHash,
      locale: 'en',
    });
    const otherTeam = await store.teams.create(other, {
      name: 'Other team',
      key: 'other',
      tier: 1,
      strategy: 'least_busy',
      offerTimeoutSeconds: 30,
      offlineGraceSeconds: 60,
      hours: null,
      sla: null,
      nudgeSeconds: 180,
      requeueAfterNudgeSeconds: 180,
      fallbackTeamId: null,
      memberIds: [],
    });
    otherTeamId = otherTeam?.id as string;
    for (const [who, email] of [
      ['admin', 'admin@tandem.demo'],
      ['supervisor', 'supervisor@tandem.demo'],
      ['agent1', 'agent1@tandem.demo'],
      ['agent2', 'agent2@tandem.demo'],
      ['expert', 'expert@tandem.demo'],
      ['outsider', 'admin@canned-other.test'],
    ] as const)
      cookies[who] = await loginCookie(t.url, email);
    teams = (await api<{ teams: TeamView[] }>(t.url, '/api/teams', { cookie: cookies.admin })).body.teams;
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (cookie: string, query = '') =>
    (await api<List>(t.url, `/api/canned-replies${query}`, { cookie })).body.replies;
  const shortcuts = async (cookie: string, query = '') => (await list(cookie, query)).map((r) => r.shortcut);
  const create = (cookie: string, body: Record<string, unknown>) =>
    api<One & ErrorReply>(t.url, '/api/canned-replies', { cookie, body });
  const put = (cookie: string, id: string, body: Record<string, unknown>) =>
    api<One & ErrorReply>(t.url, `/api/canned-replies/${id}`, { method: 'PUT', cookie, body });
  const remove = (cookie: string, id: string) =>
    api<ErrorReply & { removed: true }>(t.url, `/api/canned-replies/${id}`, { method: 'DELETE', cookie });
  const teamId = (key: string) => teams.find((team) => team.key === key)?.id as string;

  it('seeds the demo replies once: the workspace ones for everyone, the after-sales one for its members', async () => {
    const agent1 = await list(cookies.agent1);
    expect(agent1.map((r) => r.shortcut)).toEqual(
      expect.arrayContaining(['问候', 'hello', '退款', 'refund', '发票', 'thanks', '换货']),
    );
    const exchange = agent1.find((r) => r.shortcut === '换货');
    expect(exchange).toMatchObject({
      scope: 'team',
      team: { id: teamId('aftersales') },
      lang: 'zh',
      editable: false,
    });
    expect(agent1.find((r) => r.shortcut === 'refund')).toMatchObject({ scope: 'workspace', lang: 'en' });
    // the expert is not in after-sales
    expect(await shortcuts(cookies.expert)).not.toContain('换货');
    expect(await seedDemoCannedReplies(t.app.ctx.store)).toBe(false);
    expect(await list(cookies.agent1)).toHaveLength(agent1.length);
    // a language filter keeps replies of that language and those for any language
    const en = await shortcuts(cookies.agent1, '?lang=en');
    expect(en).toEqual(expect.arrayContaining(['hello', 'refund', 'thanks']));
    expect(en).not.toContain('退款');
  });

  it('lets the owner alone see, change and delete a personal reply', async () => {
    const made = await create(cookies.agent1, {
      scope: 'personal',
      shortcut: 'myhi',
      title: '我的问候',
      body: '您好，我是{agent.name}',
    });
    expect(made.status).toBe(201);
    const reply = made.body.reply;
    expect(reply).toMatchObject({ scope: 'personal', owner: { name: '王小明' }, editable: true, lang: null });
    expect(reply.createdBy?.name).toBe('王小明');
    expect(await shortcuts(cookies.agent1)).toContain('myhi');
    expect((await list(cookies.agent1))[0]?.shortcut).toBe('myhi'); // personal ones first
    expect(await shortcuts(cookies.agent2)).not.toContain('myhi');
    expect(await shortcuts(cookies.admin, '?view=editable')).not.toContain('myhi');

    for (const cookie of [cookies.agent2, cookies.admin]) {
      const changed = await put(cookie, reply.id, {
        scope: 'personal',
        shortcut: 'myhi',
        title: 'x',
        body: 'y',
      });
      expect([changed.status, changed.body.error.code]).toEqual([404, 'not_found']);
      const deleted = await remove(cookie, reply.id);
      expect([deleted.status, deleted.body.error.code]).toEqual([404, 'not_found']);
    }
    const changed = await put(cookies.agent1, reply.id, {
      scope: 'personal',
      shortcut: 'myhello',
      title: 'Hello',
      body: 'Hi, {agent.name} here',
      lang: 'en',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.reply).toMatchObject({ id: reply.id, shortcut: 'myhello', lang: 'en' });
    expect(Date.parse(changed.body.reply.updatedAt)).toBeGreaterThanOrEqual(Date.parse(reply.updatedAt));
    expect((await remove(cookies.agent1, reply.id)).body).toEqual({ removed: true });
    expect((await remove(cookies.agent1, reply.id)).status).toBe(404);
  });

  it('leaves team and workspace replies to admins and supervisors', async () => {
    const denied = await create(cookies.agent1, {
      scope: 'workspace',
      shortcut: 'nope',
      title: 'x',
      body: 'y',
    });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
    const deniedTeam = await create(cookies.expert, {
      scope: 'team',
      teamId: teamId('presale'),
      shortcut: 'nope',
      title: 'x',
      body: 'y',
    });
    expect([deniedTeam.status, deniedTeam.body.error.code]).toEqual([403, 'forbidden']);

    const shared = await create(cookies.supervisor, {
      scope: 'workspace',
      shortcut: 'wait',
      title: '请稍候',
      body: '请稍候，我帮您查询一下。',
      lang: 'zh',
    });
    expect(shared.status).toBe(201);
    expect(shared.body.reply.editable).toBe(true);
    const team = await create(cookies.admin, {
      scope: 'team',
      teamId: teamId('payments'),
      shortcut: 'bill',
      title: 'Bill',
      body: 'Your bill for order {order.number}',
    });
    expect(team.status).toBe(201);
    expect(team.body.reply.team?.name).toBe('账单 Payments');
    // payments: agent2 only
    expect(await shortcuts(cookies.agent2)).toContain('bill');
    expect(await shortcuts(cookies.agent1)).not.toContain('bill');
    // what each may change: an agent only their own; admins and supervisors every shared one
    expect(await shortcuts(cookies.agent2, '?view=editable')).toEqual([]);
    expect(await shortcuts(cookies.supervisor, '?view=editable')).toEqual(
      expect.arrayContaining(['bill', 'wait', '换货', 'refund']),
    );
    expect((await list(cookies.agent2)).find((r) => r.shortcut === 'wait')?.editable).toBe(false);

    const id = shared.body.reply.id;
    const agentPut = await put(cookies.agent2, id, {
      scope: 'workspace',
      shortcut: 'wait',
      title: 'x',
      body: 'y',
    });
    expect([agentPut.status, agentPut.body.error.code]).toEqual([403, 'forbidden']);
    // nor may an agent take a shared reply for themselves
    const agentTake = await put(cookies.agent2, id, {
      scope: 'personal',
      shortcut: 'wait',
      title: 'x',
      body: 'y',
    });
    expect(agentTake.status).toBe(403);
    const agentDelete = await remove(cookies.agent2, id);
    expect([agentDelete.status, agentDelete.body.error.code]).toEqual([403, 'forbidden']);
    const moved = await put(cookies.admin, id, {
      scope: 'team',
      teamId: teamId('presale'),
      shortcut: 'wait',
      title: '请稍候',
      body: '请稍候。',
    });
    expect(moved.body.reply).toMatchObject({ scope: 'team', team: { id: teamId('presale') }, owner: null });
    expect((await remove(cookies.supervisor, id)).status).toBe(200);
    expect((await remove(cookies.admin, team.body.reply.id)).status).toBe(200);
  });

  it('refuses a shortcut already used in the same scope, ignoring case', async () => {
    const taken = await create(cookies.supervisor, {
      scope: 'workspace',
      shortcut: 'REFUND',
      title: 'x',
      body: 'y',
    });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'conflict']);
    // the same shortcut in another scope or for another person is fine
    const mine = await create(cookies.agent1, {
      scope: 'personal',
      shortcut: 'refund',
      title: 'x',
      body: 'y',
    });
    expect(mine.status).toBe(201);
    const theirs = await create(cookies.agent2, {
      scope: 'personal',
      shortcut: 'refund',
      title: 'x',
      body: 'y',
    });
    expect(theirs.status).toBe(201);
    const twice = await create(cookies.agent1, {
      scope: 'personal',
      shortcut: 'Refund',
      title: 'x',
      body: 'y',
    });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'conflict']);
    const other = await create(cookies.agent1, {
      scope: 'personal',
      shortcut: 'other',
      title: 'x',
      body: 'y',
    });
    const renamed = await put(cookies.agent1, other.body.reply.id, {
      scope: 'personal',
      shortcut: 'refund',
      title: 'x',
      body: 'y',
    });
    expect([renamed.status, renamed.body.error.code]).toEqual([409, 'conflict']);
    for (const reply of [mine, other]) await remove(cookies.agent1, reply.body.reply.id);
    await remove(cookies.agent2, theirs.body.reply.id);
  });

  it('answers bad input with stable codes and the path of each problem', async () => {
    const bad = async (body: Record<string, unknown>, path: string) => {
      const res = await create(cookies.admin, {
        scope: 'workspace',
        shortcut: 'ok',
        title: 'T',
        body: 'B',
        ...body,
      });
      expect([res.status, res.body.error.code], JSON.stringify(body)).toEqual([400, 'validation_failed']);
      expect(res.body.error.details?.map((d) => d.path)).toContain(path);
    };
    await bad({ shortcut: 'two words' }, 'shortcut');
    await bad({ shortcut: '/refund' }, 'shortcut');
    await bad({ shortcut: 'x'.repeat(33) }, 'shortcut');
    await bad({ shortcut: '' }, 'shortcut');
    await bad({ title: 'x'.repeat(81) }, 'title');
    await bad({ title: '   ' }, 'title');
    await bad({ body: 'x'.repeat(2001) }, 'body');
    await bad({ body: 'a\u0000b' }, 'body');
    await bad({ lang: 'fr' }, 'lang');
    await bad({ scope: 'global' }, 'scope');
    await bad({ scope: 'team' }, 'teamId');
    await bad({ teamId: teamId('presale') }, 'teamId');
    const foreignTeam = await create(cookies.admin, {
      scope: 'team',
      teamId: otherTeamId,
      shortcut: 'ok',
      title: 'T',
      body: 'B',
    });
    expect([foreignTeam.status, foreignTeam.body.error.code]).toEqual([404, 'not_found']);
    const badId = await put(cookies.admin, 'not-a-uuid', {
      scope: 'workspace',
      shortcut: 'ok',
      title: 'T',
      body: 'B',
    });
    expect([badId.status, badId.body.error.code]).toEqual([400, 'validation_failed']);
    const unknown = await remove(cookies.admin, crypto.randomUUID());
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const badQuery = await api<ErrorReply>(t.url, '/api/canned-replies?view=all', { cookie: cookies.admin });
    expect([badQuery.status, badQuery.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await api(t.url, '/api/canned-replies')).status).toBe(401);
  });

  it('takes "constructor" and "__proto__" as plain shortcuts and search text', async () => {
    const made: string[] = [];
    for (const shortcut of ['constructor', '__proto__', 'toString']) {
      const res = await create(cookies.agent1, {
        scope: 'personal',
        shortcut,
        title: shortcut,
        body: `{${shortcut}}`,
      });
      expect(res.status).toBe(201);
      expect(res.body.reply.shortcut).toBe(shortcut);
      made.push(res.body.reply.id);
    }
    expect(await shortcuts(cookies.agent1, '?q=constructor')).toEqual(['constructor']);
    expect(await shortcuts(cookies.agent1, '?q=__proto__')).toEqual(['__proto__']);
    // "_" is literal: "__" does not match any two characters
    expect(await shortcuts(cookies.agent1, '?q=__')).toEqual(['__proto__']);
    expect(await shortcuts(cookies.agent1, '?q=hasOwnProperty')).toEqual([]);
    const dup = await create(cookies.agent1, {
      scope: 'personal',
      shortcut: '__PROTO__',
      title: 'x',
      body: 'y',
    });
    expect(dup.body.error.code).toBe('conflict');
    // search is case-insensitive, over shortcut, title and body, in Chinese too
    expect(await shortcuts(cookies.agent1, `?q=${encodeURIComponent('退款')}`)).toEqual(
      expect.arrayContaining(['退款']),
    );
    expect(await shortcuts(cookies.agent1, '?q=HELLO')).toEqual(expect.arrayContaining(['hello']));
    expect(await shortcuts(cookies.agent1, `?q=${encodeURIComponent('100%')}`)).toEqual([]);
    for (const id of made) await remove(cookies.agent1, id);
  });

  it('keeps each workspace to itself', async () => {
    const demoReply = (await list(cookies.admin)).find((r) => r.shortcut === 'refund') as CannedReplyView;
    expect(await list(cookies.outsider)).toEqual([]);
    expect(await list(cookies.outsider, '?view=editable')).toEqual([]);
    const put404 = await put(cookies.outsider, demoReply.id, {
      scope: 'workspace',
      shortcut: 'x',
      title: 'x',
      body: 'y',
    });
    expect([put404.status, put404.body.error.code]).toEqual([404, 'not_found']);
    expect((await remove(cookies.outsider, demoReply.id)).status).toBe(404);
    // the same shortcut in another workspace is another reply
    const theirs = await create(cookies.outsider, {
      scope: 'workspace',
      shortcut: 'refund',
      title: 'x',
      body: 'y',
    });
    expect(theirs.status).toBe(201);
    expect(await shortcuts(cookies.outsider)).toEqual(['refund']);
    expect((await list(cookies.admin)).some((r) => r.id === theirs.body.reply.id)).toBe(false);
    expect((await list(cookies.admin)).find((r) => r.id === demoReply.id)?.body).toBe(demoReply.body);
  });

  it("fills a reply's variables from the conversation: customer, order number, me, the workspace", async () => {
    const session = await api<{ visitorToken: string }>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', locale: 'zh', name: '张三', attributes: { email: 'zhang.san@example.com' } },
    });
    const customer = await connect(t, '/widget', { token: session.body.visitorToken });
    const sent = await emit<{ message: MessageView }>(customer, 'message:send', {
      clientId: clientId(),
      text: '订单号 202503010001 的退款什么时候到账？',
    });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.data.message.conversationId : '';

    const res = await api<{ variables: ReplyVariable[] }>(
      t.url,
      `/api/conversations/${conversationId}/reply-variables`,
      { cookie: cookies.agent2 },
    );
    expect(res.status).toBe(200);
    expect(res.body.variables).toEqual([
      { name: 'customer.name', value: '张三' },
      { name: 'customer.email', value: 'zhang.san@example.com' },
      { name: 'customer.phone', value: null },
      { name: 'order.number', value: '202503010001' },
      { name: 'agent.name', value: 'Li Na 李娜' },
      { name: 'workspace.name', value: '同行优选 Tandem Market' },
    ]);
    const refund = (await list(cookies.agent2)).find((r) => r.shortcut === '退款') as CannedReplyView;
    const filled = fillReplyVariables(refund.body, replyVariableMap(res.body.variables));
    expect(filled).toContain('订单 202503010001 的退款');
    const greeting = (await list(cookies.agent2)).find((r) => r.shortcut === '问候') as CannedReplyView;
    expect(fillReplyVariables(greeting.body, replyVariableMap(res.body.variables))).toBe(
      '您好 张三，我是同行优选 Tandem Market的客服Li Na 李娜，很高兴为您服务！请问有什么可以帮您？',
    );

    const outsider = await api<ErrorReply>(t.url, `/api/conversations/${conversationId}/reply-variables`, {
      cookie: cookies.outsider,
    });
    expect([outsider.status, outsider.body.error.code]).toEqual([404, 'conversation_not_found']);
    const badId = await api<ErrorReply>(t.url, '/api/conversations/nope/reply-variables', {
      cookie: cookies.agent2,
    });
    expect(badId.status).toBe(400);
    expect((await api(t.url, `/api/conversations/${conversationId}/reply-variables`)).status).toBe(401);
  });
});
