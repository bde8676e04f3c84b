import {
  defaultWidgetAppearance,
  type WidgetAppearance,
  type WidgetAppearanceResponse,
  type WidgetSession,
} from '@tandem/protocol';
import { openTestDatabase } from '@tandem/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAppearance } from '../src/services/widgetAppearance.ts';
import { api, loginCookie, startTestApp, type TestApp } from './harness.ts';
import { knowledgeStaff } from './knowledgeHelpers.ts';

type ErrorReply = { error: { code: string; details?: Array<{ path: string }> } };

const red: WidgetAppearance = {
  color: '#dc2626',
  position: 'left',
  greeting: { zh: '欢迎光临同行优选！有什么可以帮您？', en: 'Welcome to Tandem Market!' },
  languages: ['zh'],
  elder: true,
};

const put = (url: string, cookie: string, body: unknown) =>
  api<WidgetAppearanceResponse & ErrorReply>(url, '/api/admin/widget', { method: 'PUT', body, cookie });
const read = (url: string, cookie: string) =>
  api<WidgetAppearanceResponse>(url, '/api/admin/widget', { cookie });
/** What a new visitor's widget is told: its session, and the look it asks for before any session. */
const session = (url: string, workspace = 'demo') =>
  api<WidgetSession>(url, '/api/widget/session', { body: { workspace } });
const widgetLook = (url: string, workspace = 'demo') =>
  api<WidgetAppearanceResponse & ErrorReply>(url, `/api/widget/appearance?workspace=${workspace}`);

describe("the widget's appearance: admins set it, the next visitor's widget gets it", () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;

  beforeAll(async () => {
    t = await startTestApp();
    staff = await knowledgeStaff(t, 'look-other');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the widget’s own look until changed, for staff, a session and the widget alike', async () => {
    expect(defaultWidgetAppearance).toEqual({
      color: '#0f766e',
      position: 'right',
      greeting: { zh: '', en: '' },
      languages: ['zh', 'en'],
      elder: false,
    });
    for (const cookie of [staff.admin, staff.supervisor, staff.agent, staff.outsider]) {
      const res = await read(t.url, cookie);
      expect([res.status, res.body]).toEqual([200, { appearance: defaultWidgetAppearance }]);
    }
    const started = await session(t.url);
    expect(started.status).toBe(200);
    expect(started.body.appearance).toEqual(defaultWidgetAppearance);
    const look = await widgetLook(t.url);
    expect([look.status, look.body]).toEqual([200, { appearance: defaultWidgetAppearance }]);
    // asked for on every page view: never kept by the browser without asking again
    expect(look.headers.get('cache-control')).toBe('no-cache');
  });

  it('refuses what is not a look, and changes nothing', async () => {
    const bad: Array<[string, unknown]> = [
      ['color', { ...red, color: 'red' }],
      ['color', { ...red, color: '#12345' }],
      ['color', { ...red, color: '#1234567' }],
      ['color', { ...red, color: '#gggggg' }],
      ['color', { ...red, color: ' #dc2626' }],
      ['color', { ...red, color: '#dc2626;background:url(x)' }],
      ['languages', { ...red, languages: [] }],
      ['languages', { ...red, languages: ['zh', 'zh'] }],
      ['languages', { ...red, languages: ['zh', 'en', 'zh'] }],
      ['languages.0', { ...red, languages: ['fr'] }],
      ['languages.0', { ...red, languages: ['constructor'] }],
      ['languages', { ...red, languages: 'zh' }],
      ['greeting.zh', { ...red, greeting: { zh: '好'.repeat(201), en: '' } }],
      ['greeting.en', { ...red, greeting: { zh: '', en: 'x'.repeat(201) } }],
      ['greeting.en', { ...red, greeting: { zh: '' } }],
      ['greeting.zh', { ...red, greeting: { zh: 'a\u0000b', en: '' } }],
      ['position', { ...red, position: 'middle' }],
      ['position', { ...red, position: 'constructor' }],
      ['elder', { ...red, elder: 'yes' }],
      [
        'elder',
        { color: red.color, position: red.position, greeting: red.greeting, languages: red.languages },
      ],
    ];
    for (const [path, body] of bad) {
      const res = await put(t.url, staff.admin, body);
      expect([res.status, res.body.error?.code], JSON.stringify(body).slice(0, 120)).toEqual([
        400,
        'validation_failed',
      ]);
      expect(res.body.error.details?.map((detail) => detail.path)).toContain(path);
    }
    for (const body of ['', 'null', '[]', '"constructor"', '{"constructor":{"prototype":{}}}']) {
      const res = await put(t.url, staff.admin, body);
      expect(res.status, body).toBe(400);
    }
    expect((await read(t.url, staff.admin)).body.appearance).toEqual(defaultWidgetAppearance);
  });

  it('takes "constructor" and "__proto__" as plain text, ignores unknown keys, refuses poisoned bodies', async () => {
    const look = JSON.stringify({ ...red, greeting: { zh: 'constructor', en: '__proto__' } });
    const res = await put(t.url, staff.admin, `{"constructor":{"x":1},"toString":2,${look.slice(1)}`);
    expect(res.status).toBe(200);
    expect(res.body.appearance).toEqual({ ...red, greeting: { zh: 'constructor', en: '__proto__' } });
    expect((await read(t.url, staff.agent)).body.appearance.greeting).toEqual({
      zh: 'constructor',
      en: '__proto__',
    });
    // a "__proto__" key, or a "constructor" with a "prototype", is refused before it is read
    for (const key of ['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}']) {
      const poisoned = await put(t.url, staff.admin, `{${key},${look.slice(1)}`);
      expect(poisoned.status, key).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores the colour lower-case and the greetings trimmed; 200 characters is the most', async () => {
    const res = await put(t.url, staff.admin, {
      ...red,
      color: '#DC2626',
      greeting: { zh: `  ${'好'.repeat(200)}\n`, en: '   ' },
      languages: ['en', 'zh'],
    });
    expect(res.status).toBe(200);
    expect(res.body.appearance).toEqual({
      ...red,
      greeting: { zh: '好'.repeat(200), en: '' },
      languages: ['en', 'zh'],
    });
  });

  it('may be changed by admins and supervisors; agents and visitors may only read it', async () => {
    const before = (await read(t.url, staff.admin)).body.appearance;
    const agent = await put(t.url, staff.agent, red);
    expect([agent.status, agent.body.error.code]).toEqual([403, 'forbidden']);
    const expert = await put(t.url, await loginCookie(t.url, 'expert@tandem.demo'), red);
    expect([expert.status, expert.body.error.code]).toEqual([403, 'forbidden']);
    const anonymous = await put(t.url, '', red);
    expect(anonymous.status).toBe(401);
    expect((await api(t.url, '/api/admin/widget')).status).toBe(401);
    expect((await read(t.url, staff.admin)).body.appearance).toEqual(before);

    const supervisor = await put(t.url, staff.supervisor, { ...red, position: 'right' });
    expect([supervisor.status, supervisor.body.appearance]).toEqual([200, { ...red, position: 'right' }]);
    const admin = await put(t.url, staff.admin, red);
    expect([admin.status, admin.body.appearance]).toEqual([200, red]);
    expect((await read(t.url, staff.agent)).body.appearance).toEqual(red);
  });

  it('is per workspace', async () => {
    await put(t.url, staff.admin, red);
    const theirs: WidgetAppearance = {
      ...defaultWidgetAppearance,
      color: '#1d4ed8',
      languages: ['en'],
      greeting: { zh: '', en: 'Hi from the other shop' },
    };
    expect((await put(t.url, staff.outsider, theirs)).status).toBe(200);
    expect((await read(t.url, staff.outsider)).body.appearance).toEqual(theirs);
    expect((await read(t.url, staff.admin)).body.appearance).toEqual(red);
    expect((await session(t.url, 'look-other')).body.appearance).toEqual(theirs);
    expect((await widgetLook(t.url, 'look-other')).body.appearance).toEqual(theirs);
    expect((await session(t.url)).body.appearance).toEqual(red);
    expect((await widgetLook(t.url)).body.appearance).toEqual(red);
    // an unknown or malformed workspace
    const unknown = await widgetLook(t.url, 'no-such-shop');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'workspace_not_found']);
    expect((await widgetLook(t.url, 'Bad_Slug')).status).toBe(400);
    expect((await api(t.url, '/api/widget/appearance')).status).toBe(400);
  });

  it('shows a saved change in the next widget session and page view, for new and returning visitors', async () => {
    const returning = await session(t.url);
    const token = returning.body.visitorToken;
    const changed: WidgetAppearance = {
      color: '#7c3aed',
      position: 'right',
      greeting: { zh: '新的问候语', en: 'A new greeting' },
      languages: ['en', 'zh'],
      elder: false,
    };
    expect((await put(t.url, staff.supervisor, changed)).status).toBe(200);
    expect((await session(t.url)).body.appearance).toEqual(changed);
    expect((await widgetLook(t.url)).body.appearance).toEqual(changed);
    const resumed = await api<WidgetSession>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: token },
    });
    expect(resumed.body.visitorToken).toBe(token);
    expect(resumed.body.appearance).toEqual(changed);

    // and back to the defaults
    expect((await put(t.url, staff.admin, defaultWidgetAppearance)).status).toBe(200);
    expect((await session(t.url)).body.appearance).toEqual(defaultWidgetAppearance);
  });

  it('reads a stored look field by field: a field stored before it existed, or no longer valid, is its default', () => {
    expect(toAppearance(null)).toEqual(defaultWidgetAppearance);
    expect(toAppearance('red')).toEqual(defaultWidgetAppearance);
    expect(toAppearance([red])).toEqual(defaultWidgetAppearance);
    expect(toAppearance({ color: '#DC2626', position: 'left' })).toEqual({
      ...defaultWidgetAppearance,
      color: '#dc2626',
      position: 'left',
    });
    expect(toAppearance({ ...red, languages: [], greeting: { zh: 1 } })).toEqual({
      ...red,
      languages: defaultWidgetAppearance.languages,
      greeting: defaultWidgetAppearance.greeting,
    });
  });
});

/**
 * Several server processes behind a load balancer share one database: a change saved through one is served
 * by the others at once (nothing is cached in a process), with no restart.
 */
describe("the widget's appearance across two server processes on one PostgreSQL database", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await database.db.destroy();
    const shared = { driver: 'postgres' as const, url: database.url as string, poolSize: 3 };
    one = await startTestApp('pglite', { database: shared });
    two = await startTestApp('pglite', { database: shared });
  }, 120_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.cleanup().catch(() => undefined);
  });

  it('serves a change saved through one process from the other at once', async () => {
    // both processes have served the defaults already (anything they kept would now be stale)
    expect((await session(two.url)).body.appearance).toEqual(defaultWidgetAppearance);
    expect((await widgetLook(two.url)).body.appearance).toEqual(defaultWidgetAppearance);
    expect((await session(one.url)).body.appearance).toEqual(defaultWidgetAppearance);

    const admin = await loginCookie(one.url, 'admin@tandem.demo');
    expect((await put(one.url, admin, red)).status).toBe(200);
    expect((await session(two.url)).body.appearance).toEqual(red);
    expect((await widgetLook(two.url)).body.appearance).toEqual(red);
    expect((await read(two.url, await loginCookie(two.url, 'agent1@tandem.demo'))).body.appearance).toEqual(
      red,
    );

    const blue = { ...red, color: '#2563eb', position: 'right' as const };
    expect((await put(one.url, admin, blue)).status).toBe(200);
    expect((await widgetLook(two.url)).body.appearance).toEqual(blue);
  });
});
