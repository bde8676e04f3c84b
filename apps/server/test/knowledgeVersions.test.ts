import type {
  KnowledgeChangeResult,
  KnowledgeDiff,
  KnowledgeEntryView,
  KnowledgeVersion,
} from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestApp, type TestApp } from './harness.ts';
import { askBot, knowledgeStaff, staffSocket, whenLive } from './knowledgeHelpers.ts';

type Versions = { exists: boolean; versions: KnowledgeVersion[] };
type ErrorBody = { error: { code: string } };

const giftWrap: KnowledgeEntryView = {
  id: 'gifts.wrap',
  category: 'orders',
  questions: { zh: ['可以礼品包装吗', '能帮忙包成礼物吗'], en: ['do you offer gift wrapping'] },
  answer: {
    zh: '可以，下单时勾选「礼品包装」即可，每单 5 元。',
    en: 'Yes: tick "Gift wrap" at checkout, ¥5 per order.',
  },
  related: [],
  enabled: true,
};

/** Every change of a knowledge entry is a version: listed, compared, rolled back, live for customers. */
describe('knowledge versions', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;
  let console: Socket;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await knowledgeStaff(t, 'versions-other');
    console = await staffSocket(t, staff.admin);
  });
  afterAll(() => t.close());

  const put = (entry: object, cookie = staff.admin) =>
    api<KnowledgeChangeResult>(t.url, `/api/admin/knowledge/${(entry as { id: string }).id}`, {
      method: 'PUT',
      cookie,
      body: entry,
    });
  const versions = (id: string, cookie = staff.admin) =>
    api<Versions>(t.url, `/api/admin/knowledge/${id}/versions`, { cookie });
  const diff = (id: string, version: number, against?: string | number, cookie = staff.admin) =>
    api<KnowledgeDiff>(
      t.url,
      `/api/admin/knowledge/${id}/versions/${version}/diff${against === undefined ? '' : `?against=${against}`}`,
      { cookie },
    );

  it('records who changed what on every create, update, disable, enable and delete', async () => {
    const created = await put(giftWrap);
    expect(created.status).toBe(200);
    expect(created.body.version).toMatchObject({ version: 1, change: 'create', via: 'edit' });
    expect(created.body.bot.state).toBe('training');

    const updated = await put({
      ...giftWrap,
      questions: { ...giftWrap.questions, zh: [...giftWrap.questions.zh, '礼品包装多少钱'] },
      answer: {
        zh: '可以，下单时勾选「礼品包装」即可，每单 8 元。',
        en: 'Yes: tick "Gift wrap" at checkout, ¥8 per order.',
      },
    });
    expect(updated.body.version).toMatchObject({ version: 2, change: 'update' });

    // a save that changes nothing is no version and retrains nothing (enabled left out: unchanged)
    const { enabled: _enabled, ...withoutEnabled } = updated.body.entry;
    const same = await put(withoutEnabled);
    expect(same.status).toBe(200);
    expect(same.body.version).toBeNull();

    const off = await api<KnowledgeChangeResult>(t.url, `/api/admin/knowledge/${giftWrap.id}/enabled`, {
      method: 'PUT',
      cookie: staff.admin,
      body: { enabled: false },
    });
    expect(off.body.version).toMatchObject({ version: 3, change: 'disable' });
    expect(off.body.entry.enabled).toBe(false);
    // switched off: kept, but the bot no longer answers from it
    await whenLive(t, staff.admin, console, off.body.bot.version);
    expect((await askBot(t, '可以礼品包装吗')).text).not.toContain('礼品包装」即可');
    const listed = await api<{ entries: KnowledgeEntryView[] }>(t.url, '/api/admin/knowledge', {
      cookie: staff.admin,
    });
    expect(listed.body.entries.find((e) => e.id === giftWrap.id)?.enabled).toBe(false);

    // an old console that leaves `enabled` out does not switch it back on
    const edited = await put({ ...withoutEnabled, category: 'gifts' });
    expect(edited.body.version).toMatchObject({ version: 4, change: 'update' });
    expect(edited.body.entry.enabled).toBe(false);
    const on = await put({ ...withoutEnabled, category: 'gifts', enabled: true });
    expect(on.body.version).toMatchObject({ version: 5, change: 'enable' });

    const removed = await api<{ removed: string; version: KnowledgeVersion }>(
      t.url,
      `/api/admin/knowledge/${giftWrap.id}`,
      { method: 'DELETE', cookie: staff.admin },
    );
    expect(removed.body.version).toMatchObject({ version: 6, change: 'delete' });

    const history = await versions(giftWrap.id);
    expect(history.status).toBe(200);
    expect(history.body.exists).toBe(false);
    expect(history.body.versions.map((v) => [v.version, v.change])).toEqual([
      [6, 'delete'],
      [5, 'enable'],
      [4, 'update'],
      [3, 'disable'],
      [2, 'update'],
      [1, 'create'],
    ]);
    const first = history.body.versions.at(-1) as KnowledgeVersion;
    expect(first.entry).toEqual(giftWrap);
    expect(first.by?.name).toBe('管理员 Admin');
    expect(Date.parse(first.at)).not.toBeNaN();
    // a delete keeps what was deleted
    expect(history.body.versions[0]?.entry).toMatchObject({ category: 'gifts', enabled: true });
  });

  it('compares versions field by field, by character in Chinese and by word in English', async () => {
    const d = await diff(giftWrap.id, 2);
    expect(d.status).toBe(200);
    expect(d.body.from.version).toBe(1);
    expect(d.body.to.version).toBe(2);
    expect(d.body.changed).toBe(true);
    const field = (name: string) => d.body.fields.find((f) => f.field === name);
    expect(field('answer.zh')).toEqual({
      field: 'answer.zh',
      kind: 'text',
      changed: true,
      parts: [
        { op: 'same', value: '可以，下单时勾选「礼品包装」即可，每单 ' },
        { op: 'removed', value: '5' },
        { op: 'added', value: '8' },
        { op: 'same', value: ' 元。' },
      ],
    });
    expect(field('answer.en')).toEqual({
      field: 'answer.en',
      kind: 'text',
      changed: true,
      parts: [
        // "¥" is not part of a word: only the number changed
        { op: 'same', value: 'Yes: tick "Gift wrap" at checkout, ¥' },
        { op: 'removed', value: '5' },
        { op: 'added', value: '8' },
        { op: 'same', value: ' per order.' },
      ],
    });
    expect(field('questions.zh')).toEqual({
      field: 'questions.zh',
      kind: 'lines',
      changed: true,
      parts: [
        { op: 'same', value: '可以礼品包装吗' },
        { op: 'same', value: '能帮忙包成礼物吗' },
        { op: 'added', value: '礼品包装多少钱' },
      ],
    });
    expect(field('questions.en')?.changed).toBe(false);
    expect(field('category')).toMatchObject({ changed: false, before: 'orders', after: 'orders' });

    // the first version against nothing: everything is added
    const initial = await diff(giftWrap.id, 1);
    expect(initial.body.from).toEqual({ version: null, entry: null, deleted: false });
    expect(initial.body.fields.find((f) => f.field === 'category')).toMatchObject({
      before: null,
      after: 'orders',
    });

    // the disable: only `enabled` changes
    const disabled = await diff(giftWrap.id, 3);
    expect(disabled.body.fields.filter((f) => f.changed).map((f) => f.field)).toEqual(['enabled']);

    // against the entry now, which is deleted
    const current = await diff(giftWrap.id, 1, 'current');
    expect(current.body.from).toEqual({ version: null, entry: null, deleted: true });
    const across = await diff(giftWrap.id, 4, 1);
    expect(across.body.fields.filter((f) => f.changed).map((f) => f.field)).toEqual([
      'category',
      'questions.zh',
      'answer.zh',
      'answer.en',
      'enabled',
    ]);
    expect((await diff(giftWrap.id, 99)).status).toBe(404);
    expect((await diff(giftWrap.id, 2, 98)).status).toBe(404);
    expect((await diff(giftWrap.id, 2, 'yesterday')).status).toBe(400);
  });

  it('rolls back a deleted entry, and the next customer gets the rolled-back answer', async () => {
    const rolled = await api<KnowledgeChangeResult>(t.url, `/api/admin/knowledge/${giftWrap.id}/rollback`, {
      cookie: staff.admin,
      body: { version: 1 },
    });
    expect(rolled.status).toBe(200);
    expect(rolled.body.entry).toEqual(giftWrap);
    expect(rolled.body.version).toMatchObject({ version: 7, change: 'rollback', restoredFrom: 1 });
    expect(rolled.body.bot.state).toBe('training');
    await whenLive(t, staff.admin, console, rolled.body.bot.version);
    expect((await askBot(t, '可以礼品包装吗')).text).toContain('每单 5 元');
    expect((await versions(giftWrap.id)).body.exists).toBe(true);

    // to version 2's text, live for the next message
    const again = await api<KnowledgeChangeResult>(t.url, `/api/admin/knowledge/${giftWrap.id}/rollback`, {
      cookie: staff.admin,
      body: { version: 2 },
    });
    expect(again.body.version).toMatchObject({ version: 8, restoredFrom: 2 });
    await whenLive(t, staff.admin, console, again.body.bot.version);
    expect((await askBot(t, 'do you offer gift wrapping', 'en')).text).toContain('¥8 per order');
    const unknown = await api<ErrorBody>(t.url, `/api/admin/knowledge/${giftWrap.id}/rollback`, {
      cookie: staff.admin,
      body: { version: 42 },
    });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });

  it('lists the workspace’s recent changes, newest first', async () => {
    const changes = await api<{ changes: KnowledgeVersion[] }>(
      t.url,
      '/api/admin/knowledge/changes?limit=3',
      {
        cookie: staff.admin,
      },
    );
    expect(changes.status).toBe(200);
    expect(changes.body.changes.map((c) => [c.entryId, c.version, c.change])).toEqual([
      [giftWrap.id, 8, 'rollback'],
      [giftWrap.id, 7, 'rollback'],
      [giftWrap.id, 6, 'delete'],
    ]);
    expect((await api(t.url, '/api/admin/knowledge/changes?limit=0', { cookie: staff.admin })).status).toBe(
      400,
    );
  });

  it('lets agents read the history but only admins and supervisors change it', async () => {
    expect((await versions(giftWrap.id, staff.agent)).status).toBe(200);
    const denied = [
      await put({ ...giftWrap, category: 'x' }, staff.agent),
      await api(t.url, `/api/admin/knowledge/${giftWrap.id}/rollback`, {
        cookie: staff.agent,
        body: { version: 1 },
      }),
      await api(t.url, `/api/admin/knowledge/${giftWrap.id}/enabled`, {
        method: 'PUT',
        cookie: staff.agent,
        body: { enabled: false },
      }),
      await api(t.url, `/api/admin/knowledge/${giftWrap.id}`, { method: 'DELETE', cookie: staff.agent }),
    ];
    expect(denied.map((r) => [r.status, (r.body as ErrorBody).error.code])).toEqual(
      denied.map(() => [403, 'forbidden']),
    );
    expect((await versions(giftWrap.id)).body.versions).toHaveLength(8);
    const bySupervisor = await api<KnowledgeChangeResult>(
      t.url,
      `/api/admin/knowledge/${giftWrap.id}/rollback`,
      {
        cookie: staff.supervisor,
        body: { version: 1 },
      },
    );
    expect(bySupervisor.body.version?.by?.name).toBe('主管 Supervisor');
    expect((await api(t.url, `/api/admin/knowledge/${giftWrap.id}/versions`)).status).toBe(401);
  });

  it('keeps other workspaces out', async () => {
    const outsider = staff.outsider;
    expect((await versions(giftWrap.id, outsider)).status).toBe(404);
    expect((await diff(giftWrap.id, 1, undefined, outsider)).status).toBe(404);
    const rollback = await api(t.url, `/api/admin/knowledge/${giftWrap.id}/rollback`, {
      cookie: outsider,
      body: { version: 1 },
    });
    expect(rollback.status).toBe(404);
    const changes = await api<{ changes: KnowledgeVersion[] }>(t.url, '/api/admin/knowledge/changes', {
      cookie: outsider,
    });
    expect(changes.body.changes).toEqual([]);
    // an entry of the same id in the other workspace has a history of its own
    const theirs = await put({ ...giftWrap, answer: { zh: '不提供', en: 'No' } }, outsider);
    expect(theirs.body.version).toMatchObject({ version: 1, change: 'create' });
    expect((await versions(giftWrap.id)).body.versions[0]?.version).toBe(9);
  });

  it('versions an entry whose id, category and question are "constructor"', async () => {
    const entry = {
      id: 'constructor',
      category: 'constructor',
      questions: { zh: ['constructor'], en: ['__proto__', 'constructor'] },
      answer: { zh: 'constructor 是构造函数', en: 'constructor creates objects' },
      related: [],
    };
    expect((await put(entry)).body.version).toMatchObject({ version: 1, change: 'create' });
    const changed = await put({ ...entry, answer: { ...entry.answer, en: 'toString and constructor' } });
    expect(changed.body.version).toMatchObject({ version: 2 });
    const d = await diff('constructor', 2);
    expect(d.body.fields.find((f) => f.field === 'answer.en')).toMatchObject({ changed: true });
    const categories = await api<{
      categories: Array<{ code: string; label: unknown; builtIn: boolean; entries: number }>;
    }>(t.url, '/api/admin/knowledge/categories', { cookie: staff.agent });
    expect(categories.body.categories).toContainEqual({
      code: 'constructor',
      label: null,
      builtIn: false,
      entries: 1,
    });
    expect(categories.body.categories).toContainEqual({
      code: 'orders',
      label: { zh: '订单', en: 'Orders' },
      builtIn: true,
      entries: expect.any(Number),
    });
    const rolled = await api<KnowledgeChangeResult>(t.url, '/api/admin/knowledge/constructor/rollback', {
      cookie: staff.admin,
      body: { version: 1 },
    });
    expect(rolled.body.entry.answer.en).toBe('constructor creates objects');
    await whenLive(t, staff.admin, console, rolled.body.bot.version);
  });
});
