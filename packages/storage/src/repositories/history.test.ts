import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SqlStore } from '../store.ts';
import { openTestDatabase, type TestDriver } from '../testing.ts';
import { historyRepository } from './history.ts';

describe.each<TestDriver>(['pglite', 'postgres'])('customer history on %s', (driver) => {
  let store: SqlStore;
  let history: ReturnType<typeof historyRepository>;
  let cleanup: () => Promise<void>;
  let workspaceId: string;
  let otherWorkspaceId: string;

  beforeAll(async () => {
    const test = await openTestDatabase(driver);
    cleanup = test.cleanup;
    store = createStore(test.db);
    history = historyRepository(test.db);
    workspaceId = await store.setup.createWorkspace({ slug: 'history', name: 'History' });
    otherWorkspaceId = await store.setup.createWorkspace({ slug: 'history-other', name: 'Other' });
  });
  afterAll(() => cleanup());

  const contact = async (attributes: Record<string, string | boolean>, workspace = workspaceId) =>
    (
      await store.contacts.create({
        workspaceId: workspace,
        tokenHash: randomUUID(),
        name: null,
        lang: 'zh',
        attributes,
      })
    ).id;

  /** A conversation with the given customer lines, each answered by the bot; resolved unless `open`. */
  async function conversation(contactId: string, lines: string[], open = false, workspace = workspaceId) {
    const created = await store.conversations.createOpen({
      workspaceId: workspace,
      contactId,
      channel: 'widget',
      botState: {},
    });
    if (!created) throw new Error('the contact already has an open conversation');
    for (const [i, text] of lines.entries()) {
      await store.messages.append({
        conversationId: created.id,
        workspaceId: workspace,
        clientId: `c-${randomUUID()}`,
        authorKind: 'customer',
        authorId: contactId,
        text,
      });
      await store.messages.append({
        conversationId: created.id,
        workspaceId: workspace,
        clientId: `b-${i}`,
        authorKind: 'bot',
        authorId: null,
        text: '好的',
      });
    }
    await store.messages.append({
      conversationId: created.id,
      workspaceId: workspace,
      clientId: null,
      authorKind: 'system',
      authorId: null,
      text: '',
      notice: { code: 'resolved' },
    });
    if (!open)
      await store.conversations.transition(created.id, 'bot', { status: 'resolved', resolvedAt: new Date() });
    return created.id;
  }

  it('joins the conversations of every contact verified as the same customer, newest first', async () => {
    const phone = await contact({ customerId: 'C1001', identityVerified: true });
    const laptop = await contact({ customerId: 'C1001', identityVerified: true, vipLevel: 'gold' });
    // only claims the id: older data, or a string where a boolean belongs
    const claimed = await contact({ customerId: 'C1001' });
    const stringly = await contact({ customerId: 'C1001', identityVerified: 'true' });
    const someoneElse = await contact({ customerId: 'C2002', identityVerified: true });
    const elsewhere = await contact({ customerId: 'C1001', identityVerified: true }, otherWorkspaceId);

    const onPhone = await conversation(phone, ['订单 202611230001 到哪了', '谢谢']);
    const onLaptop = await conversation(laptop, ['how do I get a refund?']);
    await conversation(claimed, ['我是 C1001']);
    await conversation(stringly, ['我也是 C1001']);
    await conversation(someoneElse, ['查账单']);
    const inOtherShop = await conversation(elsewhere, ['another shop'], false, otherWorkspaceId);
    const current = await conversation(phone, ['人工'], true);

    const rows = await history.listForCustomer(workspaceId, phone, 'C1001', current, 10);
    expect(rows.map((r) => r.id)).toEqual([onLaptop, onPhone]);
    expect(rows[1]).toMatchObject({
      contactId: phone,
      status: 'resolved',
      messageCount: 4,
      firstCustomerText: '订单 202611230001 到哪了',
      csatScore: null,
      tags: [],
      handoffReason: null,
    });
    expect(rows[1]?.resolvedAt).toBeInstanceOf(Date);
    expect(rows[0]).toMatchObject({ contactId: laptop, messageCount: 2 });

    // without a verified id: the contact's own conversations only
    expect((await history.listForCustomer(workspaceId, phone, null, current, 10)).map((r) => r.id)).toEqual([
      onPhone,
    ]);
    // the current conversation is left out only when asked; the limit holds
    const all = await history.listForCustomer(workspaceId, phone, 'C1001', null, 10);
    expect(all.map((r) => r.id)).toEqual([current, onLaptop, onPhone]);
    expect(all[0]?.status).toBe('bot');
    expect(await history.listForCustomer(workspaceId, phone, 'C1001', null, 1)).toHaveLength(1);
    // the same id in another workspace is another customer: neither sees the other's conversations
    expect(
      (await history.listForCustomer(otherWorkspaceId, phone, 'C1001', null, 10)).map((r) => r.id),
    ).toEqual([inOtherShop]);
  });

  it('answers an empty list for a contact without earlier conversations, and cuts long first messages', async () => {
    const fresh = await contact({});
    expect(await history.listForCustomer(workspaceId, fresh, null, null, 5)).toEqual([]);
    const id = await conversation(fresh, ['长'.repeat(2000)]);
    const [row] = await history.listForCustomer(workspaceId, fresh, null, null, 5);
    expect(row?.id).toBe(id);
    expect(row?.firstCustomerText).toHaveLength(500);
  });
});
