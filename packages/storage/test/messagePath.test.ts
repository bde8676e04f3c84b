import { randomUUID } from 'node:crypto';
import {
  acceptConversation,
  type Contact,
  type Conversation,
  customerRequestsHuman,
  type Deps,
  type DomainEventName,
  postAgentMessage,
  receiveCustomerMessage,
  recordBotTurn,
  resolveConversation,
  type User,
} from '@tandem/domain';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryEventBus,
  createStore,
  type Database,
  type Db,
  migrateToLatest,
  openDatabase,
  openTestDatabase,
  type SqlStore,
  type TestDriver,
} from '../src/index.ts';
import { migrationProvider } from '../src/migrations/index.ts';

/**
 * The message path against a real database: races of first messages and retries decided by the unique
 * indexes, the bot's compare-and-set, what the bot owes, and migration 005 on data the old path wrote.
 */
describe.each<TestDriver>(['pglite', 'postgres'])('message path on %s', (driver) => {
  let db: Db;
  let store: SqlStore;
  let deps: Deps;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  let agent: User;
  const listenerErrors: Array<{ error: unknown; event: DomainEventName }> = [];

  beforeAll(async () => {
    ({ db, cleanup } = await openTestDatabase(driver));
    store = createStore(db);
    deps = { store, events: createMemoryEventBus((error, event) => listenerErrors.push({ error, event })) };
    workspaceId = await store.setup.createWorkspace({ slug: 'path', name: 'Path' });
    const agentId = await store.setup.createUser({
      workspaceId,
      email: 'agent@path.test',
      name: 'Agent',
      role: 'agent',
      passwordHash: 'x',
      locale: 'en',
    });
    agent = (await store.users.findById(agentId)) as User;
  });
  afterAll(async () => {
    await deps.events.drain();
    await cleanup();
    expect(listenerErrors).toEqual([]);
  });

  const newContact = (): Promise<Contact> =>
    store.contacts.create({
      workspaceId,
      tokenHash: `hash-${randomUUID()}`,
      name: null,
      lang: 'en',
      attributes: {},
    });

  const conversationsOf = (contactId: string) =>
    db.selectFrom('conversations').selectAll().where('contact_id', '=', contactId).execute();

  const customerMessagesOf = (contactId: string) =>
    db
      .selectFrom('messages')
      .selectAll()
      .where('author_id', '=', contactId)
      .where('author_kind', '=', 'customer')
      .orderBy('seq')
      .execute();

  const send = (contact: Contact, clientId: string, text = 'hello') =>
    receiveCustomerMessage(deps, { contact, clientId, text });

  /** bot → queued → assigned to the agent */
  const handToAgent = async (contact: Contact): Promise<Conversation> => {
    const queued = await customerRequestsHuman(deps, { contact });
    return acceptConversation(deps, {
      workspaceId,
      conversationId: queued.id,
      agent: { kind: 'agent', user: agent },
    });
  };

  it('opens exactly one conversation for a new contact whose first two messages arrive at once', async () => {
    for (let round = 0; round < 30; round++) {
      const contact = await newContact();
      const [a, b] = await Promise.all([
        send(contact, `first-${round}-a`),
        send(contact, `first-${round}-b`),
      ]);
      expect([a.created, b.created]).toEqual([true, true]);
      expect(a.conversation.id).toBe(b.conversation.id);
      const conversations = await conversationsOf(contact.id);
      expect(conversations).toHaveLength(1);
      expect(conversations[0]?.status).toBe('bot');
      const messages = await customerMessagesOf(contact.id);
      expect(messages.map((m) => m.conversation_id)).toEqual([a.conversation.id, a.conversation.id]);
      expect(messages.map((m) => m.seq)).toEqual([1, 2]);
      expect(new Set(messages.map((m) => m.client_id))).toEqual(
        new Set([`first-${round}-a`, `first-${round}-b`]),
      );
    }
  });

  it('stores a client id sent twice at once exactly once, and both calls succeed', async () => {
    for (let round = 0; round < 50; round++) {
      const contact = await newContact();
      // every other round the conversation exists already, so both paths (open, continue) race
      if (round % 2 === 1) await send(contact, `before-${round}`);
      const clientId = `twice-${round}`;
      const results = await Promise.all([send(contact, clientId), send(contact, clientId)]);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(results[0]?.message.id).toBe(results[1]?.message.id);
      expect(results[0]?.conversation.id).toBe(results[1]?.conversation.id);
      const stored = (await customerMessagesOf(contact.id)).filter((m) => m.client_id === clientId);
      expect(stored).toHaveLength(1);
      expect(await conversationsOf(contact.id)).toHaveLength(1);
    }
  });

  it('recognises a retry after the conversation was resolved and opens no new conversation', async () => {
    const contact = await newContact();
    const first = await send(contact, 'late-retry', 'where is my parcel?');
    const assigned = await handToAgent(contact);
    expect(assigned.id).toBe(first.conversation.id);
    await resolveConversation(deps, {
      workspaceId,
      conversationId: assigned.id,
      actor: { kind: 'agent', user: agent },
    });
    const retry = await send(contact, 'late-retry', 'where is my parcel?');
    expect(retry.created).toBe(false);
    expect(retry.message.id).toBe(first.message.id);
    expect(retry.conversation.id).toBe(first.conversation.id);
    expect(retry.conversation.status).toBe('resolved');
    expect(await conversationsOf(contact.id)).toHaveLength(1);
    expect(await customerMessagesOf(contact.id)).toHaveLength(1);
    // a new message (new client id) does open the next conversation
    const next = await send(contact, 'after-resolve');
    expect(next.created).toBe(true);
    expect(next.conversation.id).not.toBe(first.conversation.id);
  });

  const reply = (conversation: Conversation, answeredSeq: number, text: string) =>
    recordBotTurn(deps, {
      conversation,
      answeredSeq,
      replies: [{ clientId: `bot-${conversation.id}-${answeredSeq}-${text}`, text, buttons: [], meta: null }],
      botState: { answered: answeredSeq },
      tags: [],
      priority: 0,
      handover: null,
    });

  const botMessagesIn = (conversationId: string) =>
    db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('author_kind', '=', 'bot')
      .execute();

  it('drops a bot turn when the conversation went to a person meanwhile', async () => {
    const contact = await newContact();
    const { conversation: seen, message } = await send(contact, 'cas-person');
    const queued = await customerRequestsHuman(deps, { contact });
    expect(queued.status).toBe('queued');
    expect(await reply(seen, message.seq, 'too late')).toBeNull();
    expect(await botMessagesIn(seen.id)).toEqual([]);
    const after = await store.conversations.findById(seen.id);
    expect(after).toMatchObject({ status: 'queued', lastSeq: queued.lastSeq, botState: seen.botState });
  });

  it('drops a bot turn when another turn already answered', async () => {
    const contact = await newContact();
    const { conversation: seen, message } = await send(contact, 'cas-turn');
    const won = await reply(seen, message.seq, 'first');
    expect(won?.messages.map((m) => [m.text, m.seq])).toEqual([['first', message.seq + 1]]);
    expect(won?.conversation.botSeq).toBe(message.seq);
    // the same snapshot again: its botSeq is stale
    expect(await reply(seen, message.seq, 'second')).toBeNull();
    expect((await botMessagesIn(seen.id)).map((m) => m.text)).toEqual(['first']);
    expect((await store.conversations.findById(seen.id))?.lastSeq).toBe(message.seq + 1);
  });

  /** A store whose transactions report each repository call made in them (the store itself is real). */
  const watchingTransactions = (calls: string[]): Deps => {
    const watched = Object.create(store) as SqlStore;
    watched.transaction = (work) =>
      store.transaction((tx) => {
        const seen = new Proxy(tx, {
          get(target, repo, receiver) {
            const repository = Reflect.get(target, repo, receiver) as unknown;
            if (typeof repository !== 'object' || repository === null) return repository;
            return new Proxy(repository, {
              get(inner, method) {
                const value = Reflect.get(inner, method) as unknown;
                if (typeof value !== 'function') return value;
                return (...args: unknown[]) => {
                  calls.push(`${String(repo)}.${String(method)}`);
                  return (value as (...a: unknown[]) => unknown).apply(inner, args);
                };
              },
            });
          },
        });
        return work(seen);
      });
    return { ...deps, store: watched };
  };

  it('reads where a hand-over goes before its transaction, which then holds only the writes', async () => {
    const byBot = await newContact();
    const { conversation, message } = await send(byBot, 'handover-bot');
    const botCalls: string[] = [];
    const handed = await recordBotTurn(watchingTransactions(botCalls), {
      conversation,
      answeredSeq: message.seq,
      replies: [
        { clientId: `bot-${message.id}`, text: 'A colleague will help you', buttons: [], meta: null },
      ],
      botState: {},
      tags: [],
      priority: 0,
      handover: { reason: 'keyword', priority: 0, target: { tier: 'agent', team: null, detail: null } },
    });
    expect(handed?.conversation.status).toBe('queued');
    expect(botCalls.filter((c) => /^(teams|routing|workspaces)\./.test(c))).toEqual([]);
    expect(botCalls).toContain('conversations.recordBotTurn');

    const asking = await newContact();
    await send(asking, 'handover-customer');
    const customerCalls: string[] = [];
    const queued = await customerRequestsHuman(watchingTransactions(customerCalls), { contact: asking });
    expect(queued.status).toBe('queued');
    expect(customerCalls.filter((c) => /^(teams|routing|workspaces)\./.test(c))).toEqual([]);
  });

  const owedIds = async () => new Set((await store.conversations.listBotOwed(100_000)).map((c) => c.id));

  it('lists what the bot owes until it answers; a message sent while queued is for the watching bot, not recovery', async () => {
    const contact = await newContact();
    const { conversation, message } = await send(contact, 'owed-1');
    expect((await owedIds()).has(conversation.id)).toBe(true);
    expect(await reply(conversation, message.seq, 'answer')).not.toBeNull();
    expect((await owedIds()).has(conversation.id)).toBe(false);

    const waiting = await newContact();
    const queued = await customerRequestsHuman(deps, { contact: waiting });
    const during = await send(waiting, 'while-queued');
    expect(during.conversation.id).toBe(queued.id);
    const stored = await store.conversations.findById(queued.id);
    expect(stored).toMatchObject({ status: 'queued', customerSeq: during.message.seq });
    // the bot keeps watch while the customer waits (best effort: not recovered after a restart)
    expect(stored?.botSeq).toBeLessThan(stored?.customerSeq ?? 0);
    expect((await owedIds()).has(queued.id)).toBe(false);
  });

  // PostgreSQL only: the embedded database serves one statement at a time, so nothing waits on a lock there
  it.runIf(driver === 'postgres')(
    'lets an agent accept a conversation while routing holds their row to offer it (no deadlock)',
    async () => {
      const contact = await newContact();
      const queued = await customerRequestsHuman(deps, { contact });
      // are other sessions of this database waiting on a lock? (read from a connection of its own)
      const waitingOnLocks = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`.execute(db)
          ).rows[0]?.n,
        );
      let locked: () => void = () => {};
      const userLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      // routing's offer: the person's row first (capacity holds across processes), then the conversation
      const offering = store.transaction(async (tx) => {
        await tx.routing.lockUser(agent.id);
        locked();
        await released;
        return tx.routing.offer(queued.id, agent.id, new Date(Date.now() + 60_000));
      });
      await userLocked;
      // meanwhile the agent accepts it: the conversation's row, whose assignee points at the person's row
      let accepted: Conversation | null = null;
      const accepting = acceptConversation(deps, {
        workspaceId,
        conversationId: queued.id,
        agent: { kind: 'agent', user: agent },
      }).then((conversation) => {
        accepted = conversation;
      });
      // the accept either commits or waits on a lock (before the fix: on the person's row, and the offer's
      // update of the conversation then closed the cycle: "deadlock detected")
      while (accepted === null && (await waitingOnLocks()) === 0) await new Promise((r) => setTimeout(r, 20));
      release();
      const [offered] = await Promise.all([offering, accepting]);
      expect(accepted).toMatchObject({ status: 'assigned', assigneeId: agent.id });
      // the offer finds it taken and changes nothing
      expect(offered).toBeNull();
    },
  );

  it.runIf(driver === 'postgres')(
    'runs a transaction PostgreSQL aborted as a deadlock again when asked to, and only then',
    async () => {
      const a = await customerRequestsHuman(deps, { contact: await newContact() });
      const b = await customerRequestsHuman(deps, { contact: await newContact() });
      const touch = (tx: SqlStore, id: string) =>
        sql`update conversations set updated_at = now() where id = ${id}`.execute(tx.db);
      /** two transactions updating the two conversations in opposite orders, each waiting for the other */
      async function crossing(retry: boolean) {
        let attempts = 0;
        let holding = 0;
        let bothHold: () => void = () => {};
        const gate = new Promise<void>((resolve) => {
          bothHold = resolve;
        });
        const run = (first: string, second: string) =>
          store.transaction(
            async (tx) => {
              attempts++;
              await touch(tx, first);
              if (++holding === 2) bothHold();
              await gate;
              await touch(tx, second);
            },
            { retry },
          );
        const results = await Promise.allSettled([run(a.id, b.id), run(b.id, a.id)]);
        return { statuses: results.map((r) => r.status), results, attempts };
      }
      const plain = await crossing(false);
      expect([...plain.statuses].sort()).toEqual(['fulfilled', 'rejected']);
      const failed = plain.results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(String(failed.reason)).toMatch(/deadlock detected/);
      expect(plain.attempts).toBe(2);
      const retried = await crossing(true);
      expect(retried.statuses).toEqual(['fulfilled', 'fulfilled']);
      expect(retried.attempts).toBe(3);
    },
  );

  it('stores an agent message sent twice at once exactly once, without an error', async () => {
    const contact = await newContact();
    await send(contact, 'agent-race-start');
    const assigned = await handToAgent(contact);
    for (let round = 0; round < 10; round++) {
      const input = {
        workspaceId,
        conversationId: assigned.id,
        agent: { kind: 'agent' as const, user: agent },
        clientId: `agent-twice-${round}`,
        text: `reply ${round}`,
      };
      const [a, b] = await Promise.all([postAgentMessage(deps, input), postAgentMessage(deps, input)]);
      expect(a.message.id).toBe(b.message.id);
    }
    const agentMessages = await db
      .selectFrom('messages')
      .select('client_id')
      .where('conversation_id', '=', assigned.id)
      .where('author_kind', '=', 'agent')
      .execute();
    expect(agentMessages).toHaveLength(10);
  });
});

describe('migration 005 on data written before it', () => {
  let db: Kysely<Database>;
  afterAll(() => db?.destroy());

  it('closes all but the newest open conversation per contact and suffixes older duplicate client ids', async () => {
    db = await openDatabase({ driver: 'pglite', dataDir: null });
    const migrator = new Migrator({ db, provider: migrationProvider });
    const upTo004 = await migrator.migrateTo('004_identity_secret');
    expect(upTo004.error).toBeUndefined();
    const raw = db as unknown as Kysely<unknown>;

    const workspace = randomUUID();
    const contact = randomUUID();
    const oldest = randomUUID();
    const older = randomUUID();
    const newer = randomUUID();
    await sql`insert into workspaces (id, slug, name) values (${workspace}, 'old', 'Old')`.execute(raw);
    await sql`insert into contacts (id, workspace_id, visitor_token_hash) values (${contact}, ${workspace}, 'h')`.execute(
      raw,
    );
    // the old path could leave several open conversations per contact, each with the same client id at seq 1
    await sql`insert into conversations (id, workspace_id, contact_id, status, last_seq, created_at, updated_at)
      values (${oldest}, ${workspace}, ${contact}, 'bot', 1, now() - interval '3 hours', now() - interval '3 hours'),
             (${older}, ${workspace}, ${contact}, 'assigned', 1, now() - interval '2 hours', now() - interval '2 hours'),
             (${newer}, ${workspace}, ${contact}, 'queued', 2, now() - interval '1 hour', now() - interval '1 hour')`.execute(
      raw,
    );
    const messageIn = { [oldest]: randomUUID(), [older]: randomUUID(), [newer]: randomUUID() };
    for (const [conversation, hours] of [
      [oldest, 3],
      [older, 2],
      [newer, 1],
    ] as const) {
      await sql`insert into messages (id, conversation_id, workspace_id, seq, client_id, author_kind, author_id, text, created_at)
        values (${messageIn[conversation]}, ${conversation}, ${workspace}, 1, 'same-client', 'customer', ${contact}, 'hi',
                now() - make_interval(hours => ${hours}))`.execute(raw);
    }
    await sql`insert into messages (id, conversation_id, workspace_id, seq, client_id, author_kind, author_id, text)
      values (${randomUUID()}, ${newer}, ${workspace}, 2, null, 'system', null, '')`.execute(raw);

    // 005 and every migration after it run
    expect((await migrateToLatest(db))[0]).toBe('005_message_path');

    const conversations = await db
      .selectFrom('conversations')
      .select(['id', 'status', 'customer_seq', 'bot_seq', 'last_seq', 'channel'])
      .execute();
    const byId = new Map(conversations.map((c) => [c.id, c]));
    expect(byId.get(newer)).toMatchObject({
      status: 'queued',
      channel: 'widget',
      customer_seq: 2,
      bot_seq: 2,
    });
    expect(byId.get(older)).toMatchObject({ status: 'closed', customer_seq: 1, bot_seq: 1 });
    expect(byId.get(oldest)).toMatchObject({ status: 'closed', customer_seq: 1, bot_seq: 1 });

    const messages = await db.selectFrom('messages').select(['id', 'client_id']).execute();
    expect(messages).toHaveLength(4);
    const clientIds = new Map(messages.map((m) => [m.id, m.client_id]));
    // the newest keeps its client id (a retry from the customer's widget is about it); the older ones are
    // suffixed, each differently
    expect(clientIds.get(messageIn[newer] as string)).toBe('same-client');
    const suffixed = [clientIds.get(messageIn[older] as string), clientIds.get(messageIn[oldest] as string)];
    for (const id of suffixed) expect(id).toMatch(/^same-client#./);
    expect(new Set(suffixed).size).toBe(2);

    // the indexes now hold: nothing is owed for old history, and a retry finds the newest message
    const store = createStore(db);
    expect(await store.conversations.listBotOwed(10)).toEqual([]);
    expect((await store.messages.findCustomerMessage(contact, 'same-client'))?.id).toBe(messageIn[newer]);
  });
});
