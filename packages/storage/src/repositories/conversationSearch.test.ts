import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../store.ts';
import { openTestDatabase, type TestDriver } from '../testing.ts';
import type { ConversationSearchFilter } from './conversationSearch.ts';

describe.each<TestDriver>(['pglite', 'postgres'])('conversation search on %s', (driver) => {
  let store: SqlStore;
  let cleanup: () => Promise<void>;
  let shop: string;
  let otherShop: string;
  const ids = { refundZh: '', refundEn: '', invoice: '', elsewhere: '' };

  const contact = async (workspaceId: string, name: string | null, attributes: Record<string, string>) =>
    (
      await store.contacts.create({
        workspaceId,
        tokenHash: randomUUID(),
        name,
        lang: 'zh',
        attributes,
      })
    ).id;

  /** a conversation with these messages (customer, or an internal note when it starts with "note:") */
  async function conversation(workspaceId: string, contactId: string, lines: string[]) {
    const created = await store.conversations.createOpen({
      workspaceId,
      contactId,
      channel: 'widget',
      botState: {},
    });
    if (!created) throw new Error('the contact already has an open conversation');
    for (const line of lines) {
      const note = line.startsWith('note:');
      await store.messages.append({
        conversationId: created.id,
        workspaceId,
        clientId: `c-${randomUUID()}`,
        authorKind: note ? 'agent' : 'customer',
        authorId: note ? null : contactId,
        text: note ? line.slice(5) : line,
        internal: note,
      });
    }
    return created.id;
  }

  beforeAll(async () => {
    const test = await openTestDatabase(driver);
    cleanup = test.cleanup;
    store = createStore(test.db);
    shop = await store.setup.createWorkspace({ slug: 'search', name: 'Search' });
    otherShop = await store.setup.createWorkspace({ slug: 'search-other', name: 'Other' });
    const zhang = await contact(shop, '张三', { email: 'zhang.san@example.com' });
    const alice = await contact(shop, null, { customerId: 'C-100' });
    const stranger = await contact(otherShop, '张三', {});
    ids.invoice = await conversation(shop, zhang, ['发票怎么开']);
    await store.conversations.transition(ids.invoice, 'bot', {
      status: 'resolved',
      resolvedAt: new Date(),
      disposition: ['invoice'],
    });
    ids.refundEn = await conversation(shop, alice, ['order 1000', 'Where is my REFUND?']);
    ids.refundZh = await conversation(shop, zhang, ['我的退款还没到账 100%', 'note:客户说退款_延迟']);
    ids.elsewhere = await conversation(otherShop, stranger, ['退款']);
  });
  afterAll(() => cleanup());

  const search = (filter: Partial<ConversationSearchFilter>, workspaceId = shop) =>
    store.conversationSearch.search(workspaceId, { limit: 50, ...filter });
  const found = async (filter: Partial<ConversationSearchFilter>, workspaceId = shop) =>
    (await search(filter, workspaceId)).map((row) => row.id);

  it('finds Chinese and English text case-insensitively, internal notes included, newest message first', async () => {
    const [hit, ...rest] = await search({ text: '退款' });
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ id: ids.refundZh, status: 'bot', contact: { name: '张三' } });
    expect(hit?.match).toMatchObject({
      text: '客户说退款_延迟',
      internal: true,
      authorKind: 'agent',
      seq: 2,
    });
    expect(await found({ text: 'refund' })).toEqual([ids.refundEn]);
    expect(await found({ text: '没到账' })).toEqual([ids.refundZh]);
    expect(await found({ text: '没有的话' })).toEqual([]);
  });

  it('takes %, _ and \\ in the text literally', async () => {
    expect(await found({ text: '100%' })).toEqual([ids.refundZh]);
    expect(await found({ text: '_' })).toEqual([ids.refundZh]);
    expect(await found({ text: '%' })).toEqual([ids.refundZh]);
    expect(await found({ text: '\\' })).toEqual([]);
    expect(await found({ text: "'; drop table messages; --" })).toEqual([]);
  });

  it('filters by customer, tag, status and time, newest activity first', async () => {
    expect(await found({})).toEqual([ids.refundZh, ids.refundEn, ids.invoice]);
    expect(await found({ customer: '张' })).toEqual([ids.refundZh, ids.invoice]);
    expect(await found({ customer: 'ZHANG.SAN@' })).toEqual([ids.refundZh, ids.invoice]);
    expect(await found({ customer: 'c-100' })).toEqual([ids.refundEn]);
    expect(await found({ tag: 'invoice' })).toEqual([ids.invoice]);
    expect(await found({ status: 'resolved' })).toEqual([ids.invoice]);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const inAnHour = new Date(Date.now() + 3_600_000);
    expect(await found({ from: hourAgo, to: inAnHour, text: '退款' })).toEqual([ids.refundZh]);
    expect(await found({ from: inAnHour })).toEqual([]);
    expect(await found({ to: hourAgo, text: '退款' })).toEqual([]);
  });

  it('pages by last activity and id without gaps or repeats, and keeps each workspace to itself', async () => {
    const seen: string[] = [];
    let after: ConversationSearchFilter['after'];
    for (let page = 0; page < 5; page++) {
      const rows = await search({ limit: 1, after });
      const row = rows[0];
      if (!row) break;
      expect(row.cursorAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
      seen.push(row.id);
      after = { at: row.cursorAt, id: row.id };
    }
    expect(seen).toEqual([ids.refundZh, ids.refundEn, ids.invoice]);
    expect(await found({ text: '退款' }, otherShop)).toEqual([ids.elsewhere]);
    expect(await found({ customer: '张三' }, otherShop)).toEqual([ids.elsewhere]);
  });
});

describe.each<TestDriver>(['pglite', 'postgres'])('canned replies on %s', (driver) => {
  let store: SqlStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const test = await openTestDatabase(driver);
    cleanup = test.cleanup;
    store = createStore(test.db);
  });
  afterAll(() => cleanup());

  it('keeps a shortcut unique per scope and owner, ignoring case, and searches literally', async () => {
    const shop = await store.setup.createWorkspace({ slug: 'canned', name: 'Canned' });
    const reply = {
      title: 'T',
      body: '退款 100% 到账',
      lang: null,
      ownerUserId: null,
      teamId: null,
    } as const;
    const first = await store.cannedReplies.create(shop, null, {
      ...reply,
      scope: 'workspace',
      shortcut: 'Refund',
    });
    expect(first.kind).toBe('saved');
    expect(
      (await store.cannedReplies.create(shop, null, { ...reply, scope: 'workspace', shortcut: 'refund' }))
        .kind,
    ).toBe('conflict');
    const other = await store.setup.createWorkspace({ slug: 'canned-other', name: 'Other' });
    expect(
      (await store.cannedReplies.create(other, null, { ...reply, scope: 'workspace', shortcut: 'refund' }))
        .kind,
    ).toBe('saved');
    const filter = { personalOf: randomUUID(), teams: 'none' as const, workspace: true, limit: 10 };
    expect(await store.cannedReplies.list(shop, { ...filter, text: '0%' })).toHaveLength(1);
    expect(await store.cannedReplies.list(shop, { ...filter, text: '0_' })).toHaveLength(0);
    expect(await store.cannedReplies.list(shop, { ...filter, text: 'REFUND' })).toHaveLength(1);
    expect(await store.cannedReplies.hasAny(shop, ['workspace'])).toBe(true);
    expect(await store.cannedReplies.hasAny(shop, ['team'])).toBe(false);
  });
});
