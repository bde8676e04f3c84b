import type { AgentConversation, WidgetConversation } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, startApp } from '../src/app.ts';
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

/**
 * Two Tandem servers on one PostgreSQL database, each with its own router, pool and event bus, as two
 * processes of a scaled deployment: their routing passes run at the same time, and a person's capacity
 * still holds (offers are made under a lock on the person), and of agents accepting one conversation on
 * both servers at once exactly one wins.
 */
describe('routing across two servers on one PostgreSQL database', () => {
  let a: TestApp;
  let b: App;

  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startApp({ ...a.app.ctx.config, port: 0 });
    await b.botsReady;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('never offers a person more than their capacity, and one of two racing accepts wins', async () => {
    const cookie = await loginCookie(a.url, 'agent1@tandem.demo');
    const admin = await loginCookie(a.url, 'admin@tandem.demo');
    const me = await api<{ me: { id: string } }>(a.url, '/api/auth/me', { cookie });
    const agentId = me.body.me.id;
    // agent2 stays offline: agent1 is the only person the general queue can offer to
    await api(a.url, `/api/admin/staff/${agentId}/routing`, {
      method: 'PUT',
      cookie: admin,
      body: { maxConcurrent: 2, skills: [], languages: ['zh', 'en'] },
    });
    // six customers ask for a person, half on each server, while nobody is online
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = i % 2 === 0 ? a : ({ url: b.url, track: a.track } as TestApp);
      const customer = await newCustomer(t, 'zh');
      const ack = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      ids.push(ack.data.conversation.id);
    }
    // the agent comes online: both routers pass over the queue at once, many times
    const workspace = await workspaceId(a);
    await a.app.ctx.store.users.setPresence(agentId, 'online');
    for (let round = 0; round < 10; round++) {
      a.app.ctx.router.schedule(workspace);
      b.ctx.router.schedule(workspace);
      await Promise.all([a.app.ctx.router.tick(), b.ctx.router.tick()]);
      await Promise.all([a.app.ctx.router.idle(), b.ctx.router.idle()]);
      const load = await loadOf(a, agentId);
      expect(load).toBeLessThanOrEqual(2);
    }
    expect(await loadOf(a, agentId)).toBe(2);
    await connect(a, '/agent', { cookie });

    // two agents accept the same conversation at once, one on each server: exactly one wins
    const cookie2 = await loginCookie(b.url, 'agent2@tandem.demo');
    const target = ids[5] as string;
    const results = await Promise.all([
      api<{ conversation: AgentConversation }>(a.url, `/api/conversations/${target}/accept`, {
        cookie,
        body: {},
      }),
      api<{ conversation: AgentConversation }>(b.url, `/api/conversations/${target}/accept`, {
        cookie: cookie2,
        body: {},
      }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const row = await a.app.ctx.store.conversations.findById(target);
    expect(row?.status).toBe('assigned');
    const assigned = await a.app.ctx.store.db
      .selectFrom('conversation_events')
      .select('actor_id')
      .where('conversation_id', '=', target)
      .where('type', '=', 'accept')
      .execute();
    expect(assigned).toHaveLength(1);
  });

  it('runs a timer kept in the database once, whichever server ticks (as after a restart)', async () => {
    const cookie2 = await loginCookie(b.url, 'agent2@tandem.demo');
    const agent2 = await connect({ url: b.url, track: a.track } as TestApp, '/agent', { cookie: cookie2 });
    // server a stops routing (as a process about to restart); its timers may still tick
    a.app.ctx.router.stop();
    const customer = await newCustomer({ url: b.url, track: a.track } as TestApp, 'en');
    const ack = await emit<{ conversation: WidgetConversation }>(customer.socket, 'handoff:request', {});
    const id = ack.ok ? ack.data.conversation.id : '';
    // the conversations still waiting from the first test are older: they are offered first
    const offered = waitFor<{ conversation: AgentConversation }>(
      agent2,
      'conversation:offered',
      (o) => o.conversation.id === id,
    );
    b.ctx.router.schedule(await workspaceId(a));
    await offered;
    // the offer's time ran out while no process was watching (e.g. the one that made it was restarted)
    await a.app.ctx.store.db
      .updateTable('conversations')
      .set({ offer_expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    await Promise.all([a.app.ctx.router.tick(), b.ctx.router.tick(), b.ctx.router.tick()]);
    const expired = await a.app.ctx.store.db
      .selectFrom('conversation_events')
      .select('id')
      .where('conversation_id', '=', id)
      .where('type', '=', 'offer_expired')
      .execute();
    expect(expired).toHaveLength(1);
    // not offered to agent2 again this round; agent1 is at capacity: it waits, unoffered
    const me = await api<{ me: { id: string } }>(b.url, '/api/auth/me', { cookie: cookie2 });
    const row = await a.app.ctx.store.conversations.findById(id);
    expect(row?.declinedBy).toContain(me.body.me.id);
    expect(row?.status).toBe('queued');
  });
});

async function workspaceId(t: TestApp): Promise<string> {
  return (await t.app.ctx.store.workspaces.findBySlug('demo'))?.id as string;
}

/** conversations assigned to or offered to the person now */
async function loadOf(t: TestApp, userId: string): Promise<number> {
  const [candidate] = await t.app.ctx.store.routing.candidates(await workspaceId(t), [userId]);
  return candidate?.load ?? 0;
}
