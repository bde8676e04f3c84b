import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type Db, openTestDatabase, type SqlStore, type TestDriver } from '../src/index.ts';

describe.each<TestDriver>(['pglite', 'postgres'])('store on %s', (driver) => {
  let db: Db;
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  let agentId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(driver));
    store = createStore(db);
    workspaceId = await store.setup.createWorkspace({ slug: 'acme', name: 'Acme' });
    agentId = await store.setup.createUser({
      workspaceId,
      email: 'Agent@Acme.test',
      name: 'Agent',
      role: 'agent',
      passwordHash: 'x',
      locale: 'en',
    });
  });
  afterAll(() => cleanup());

  const newConversation = async () => {
    const contact = await store.contacts.create({
      workspaceId,
      tokenHash: `hash-${Math.random()}`,
      name: null,
      lang: 'zh',
      attributes: { vip: 'gold', age: 61 },
    });
    const created = await store.conversations.createOpen({
      workspaceId,
      contactId: contact.id,
      channel: 'widget',
      botState: { misses: 0 },
    });
    if (!created) throw new Error('a new contact has no open conversation');
    return created;
  };

  it('finds workspaces, users (e-mail case-insensitively) and contacts', async () => {
    expect((await store.workspaces.findBySlug('acme'))?.id).toBe(workspaceId);
    expect((await store.auth.findCredentials('agent@acme.test'))?.user.id).toBe(agentId);
    const conversation = await newConversation();
    const contact = await store.contacts.findById(conversation.contactId);
    expect(contact?.attributes).toEqual({ vip: 'gold', age: 61 });
  });

  it('numbers messages per conversation and is idempotent on clientId', async () => {
    const conversation = await newConversation();
    const base = {
      conversationId: conversation.id,
      workspaceId,
      authorKind: 'customer' as const,
      authorId: null,
    };
    const first = await store.messages.append({ ...base, clientId: 'client-0001', text: '你好' });
    const again = await store.messages.append({ ...base, clientId: 'client-0001', text: '你好' });
    const second = await store.messages.append({ ...base, clientId: 'client-0002', text: '<b>hi</b>' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.message.id).toBe(first.message.id);
    expect([first.message.seq, second.message.seq]).toEqual([1, 2]);
    const listed = await store.messages.listByConversation(conversation.id);
    expect(listed.map((m) => m.text)).toEqual(['你好', '<b>hi</b>']);
  });

  it('gives concurrent appends distinct consecutive sequence numbers', async () => {
    const conversation = await newConversation();
    const appends = Array.from({ length: 20 }, (_, i) =>
      store.messages.append({
        conversationId: conversation.id,
        workspaceId,
        authorKind: 'customer',
        authorId: null,
        clientId: `concurrent-${i}`,
        text: `m${i}`,
      }),
    );
    const seqs = (await Promise.all(appends)).map((r) => r.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('transitions by compare-and-set: only one of two racing updates applies', async () => {
    const conversation = await newConversation();
    await store.conversations.transition(conversation.id, 'bot', { status: 'queued', queuedAt: new Date() });
    const [a, b] = await Promise.all([
      store.conversations.transition(conversation.id, 'queued', { status: 'assigned', assigneeId: agentId }),
      store.conversations.transition(conversation.id, 'queued', { status: 'assigned', assigneeId: agentId }),
    ]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await store.conversations.findById(conversation.id))?.status).toBe('assigned');
  });

  it('rolls back a failed transaction completely', async () => {
    const conversation = await newConversation();
    await expect(
      store.transaction(async (tx) => {
        await tx.conversations.transition(conversation.id, 'bot', { status: 'queued' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.conversations.findById(conversation.id))?.status).toBe('bot');
  });

  it('lists the inbox with contact, assignee and last message', async () => {
    const conversation = await newConversation();
    await store.messages.append({
      conversationId: conversation.id,
      workspaceId,
      authorKind: 'customer',
      authorId: null,
      clientId: 'inbox-0001',
      text: '人工',
    });
    await store.conversations.transition(conversation.id, 'bot', { status: 'queued', queuedAt: new Date() });
    const queued = await store.inbox.list(workspaceId, 'queued', agentId, 50);
    const row = queued.find((r) => r.conversation.id === conversation.id);
    expect(row?.lastMessage?.text).toBe('人工');
    expect(row?.contact.lang).toBe('zh');
    expect(row?.assignee).toBeNull();
  });

  it('lists the queue oldest first with what routing reads, without the packet or the emotion history', async () => {
    const older = await newConversation();
    const newer = await newConversation();
    await store.conversations.transition(older.id, 'bot', {
      status: 'queued',
      queuedAt: new Date(Date.now() - 60_000),
      handoffReason: 'customer_request',
      priority: 2,
      declinedBy: [agentId],
      lastAgentId: agentId,
    });
    await store.conversations.transition(newer.id, 'bot', { status: 'queued', queuedAt: new Date() });
    await sql`update conversations set tags = ${JSON.stringify(['vip', '发票'])}::jsonb where id = ${older.id}`.execute(
      db,
    );
    const offered = await store.routing.offer(newer.id, agentId, new Date(Date.now() + 30_000));
    expect(offered?.offer?.userId).toBe(agentId);

    const queue = (await store.routing.listQueued(workspaceId)).filter((q) =>
      [older.id, newer.id].includes(q.conversation.id),
    );
    expect(queue.map((q) => q.conversation.id)).toEqual([older.id, newer.id]);
    const [first, second] = queue;
    expect(first?.lang).toBe('zh');
    expect(first?.conversation).toMatchObject({
      workspaceId,
      contactId: older.contactId,
      teamId: null,
      priority: 2,
      tags: ['vip', '发票'],
      offer: null,
      declinedBy: [agentId],
      lastAgentId: agentId,
    });
    expect(first?.conversation.queuedAt).toBeInstanceOf(Date);
    expect(first?.conversation.updatedAt).toBeInstanceOf(Date);
    expect(second?.conversation.offer?.userId).toBe(agentId);
    expect(second?.conversation.offer?.expiresAt).toBeInstanceOf(Date);
    // a pass reads the whole queue: nothing large comes with it
    for (const key of ['handoff', 'emotion', 'botState', 'sla'])
      expect(first?.conversation).not.toHaveProperty(key);
  });

  it('records the event log in order', async () => {
    const conversation = await newConversation();
    for (const type of ['create', 'requestHuman']) {
      await store.events.record({
        conversationId: conversation.id,
        workspaceId,
        type,
        fromStatus: null,
        toStatus: 'bot',
        actorKind: 'system',
        actorId: null,
        data: { n: 1 },
      });
    }
    const events = await store.events.listByConversation(conversation.id);
    expect(events.map((e) => e.type)).toEqual(['create', 'requestHuman']);
    expect(events[0]?.data).toEqual({ n: 1 });
  });
});
