import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory } from '../src/analytics/history.ts';
import {
  api,
  clientId,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const range = `from=${day(-1)}&to=${day(1)}&tz=UTC`;

/** Fetches a file as text (exports are streamed, not JSON). */
async function download(url: string, path: string, cookie: string) {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

/** Asks again until `check` passes: the figures follow the events a moment later (after commit, coalesced). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + EVENT_TIMEOUT_MS;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('analytics REST, exports and retention', () => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let conversationId: string;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    admin = await loginCookie(t.url, 'admin@tandem.demo');
    agent = await loginCookie(t.url, 'agent1@tandem.demo');
    const customer = await newCustomer(t, 'zh');
    const reply = waitFor<{ author: { kind: string }; conversationId: string }>(
      customer.socket,
      'message:new',
      (m) => m.author.kind === 'bot',
    );
    await emit(customer.socket, 'message:send', {
      clientId: clientId(),
      text: '怎么退款？我的手机是13812345678，邮箱 zhang.san@example.com',
    });
    conversationId = (await reply).conversationId;
  });
  afterAll(() => t.close());

  it('counts the conversation on the overview once the bot answered', async () => {
    const overview = await eventually(
      () =>
        api<{ totals: { conversations: number }; series: unknown[] }>(
          t.url,
          `/api/admin/analytics/overview?${range}`,
          { cookie: admin },
        ),
      (r) => r.body.totals?.conversations >= 1,
    );
    expect(overview.status).toBe(200);
    expect(overview.body.totals.conversations).toBeGreaterThanOrEqual(1);
    const people = await api(t.url, `/api/admin/analytics/people?${range}`, { cookie: admin });
    expect(people.status).toBe(200);
    const options = await api<{ channels: string[] }>(t.url, '/api/admin/analytics/options', {
      cookie: admin,
    });
    expect(options.body.channels).toEqual(['widget']);
    const openapi = await api<{ paths: Record<string, unknown> }>(t.url, '/api/openapi.json');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/admin/analytics/overview',
        '/api/admin/analytics/people',
        '/api/admin/analytics/export',
        '/api/admin/analytics/conversations/export',
        '/api/admin/analytics/retention',
      ]),
    );
  });

  it('exports conversations with masked transcripts as CSV and XLSX', async () => {
    const csv = await eventually(
      () => download(t.url, `/api/admin/analytics/conversations/export?${range}&format=csv`, admin),
      (r) => r.body.toString('utf8').includes(conversationId),
    );
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFFconversation,started')).toBe(true);
    expect(text).toContain(conversationId);
    expect(text).toContain('怎么退款');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('zhang.san@example.com');
    expect(text).toContain('*******5678');
    const xlsx = await download(
      t.url,
      `/api/admin/analytics/conversations/export?${range}&format=xlsx`,
      admin,
    );
    expect(xlsx.status).toBe(200);
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('conversations');
    if (!sheet) throw new Error('no conversations sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('transcript');
    const row = sheet.getRows(2, sheet.rowCount - 1)?.find((r) => r.getCell(1).value === conversationId);
    const transcript = String(row?.getCell(header.length).value ?? '');
    expect(transcript).toContain('*******5678');
    expect(transcript).not.toContain('13812345678');
    const table = await download(
      t.url,
      `/api/admin/analytics/export?${range}&table=intents&format=csv`,
      admin,
    );
    expect(table.body.toString('utf8')).toContain('intent,conversations');
  });

  it('streams an export of thousands of conversations page by page, each once', async () => {
    const db = t.app.ctx.store.db;
    const workspace = await db
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    // a week of history ending 30 days ago, far from the live conversations of the other tests
    const now = new Date(Date.now() - 30 * 86_400_000);
    const written = await generateHistory(db, {
      workspaceId: workspace.id,
      days: 7,
      perDay: 700,
      now,
      utcOffsetHours: 0,
      teamIds: [],
      agentIds: [],
      seed: 7,
    });
    const from = new Date(now.getTime() - 8 * 86_400_000).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const csv = await download(
      t.url,
      `/api/admin/analytics/conversations/export?from=${from}&to=${to}&tz=UTC&transcripts=false`,
      admin,
    );
    const lines = csv.body.toString('utf8').trim().split('\r\n');
    const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(written).toBeGreaterThan(3000);
    expect(lines.length - 1).toBe(written);
    expect(ids.size).toBe(written);
  });

  it('refuses bad ranges and unknown filters with stable codes', async () => {
    const bad = async (query: string) => {
      const res = await api<{ error: { code: string; message: string } }>(
        t.url,
        `/api/admin/analytics/overview?${query}`,
        { cookie: admin },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      return res.body.error.message;
    };
    expect(await bad(`from=${day(1)}&to=${day(-1)}`)).toContain('range_reversed');
    expect(await bad('from=2020-01-01&to=2026-01-01')).toContain('range_too_large');
    expect(await bad(`from=${day(-60)}&to=${day(0)}&granularity=hour`)).toContain('range_too_large');
    expect(await bad(`${range}&colour=red`)).toContain('colour');
    expect(await bad(`${range}&granularity=month`)).toContain('granularity');
    expect(await bad(`from=${day(0)}&to=${day(0)}&tz=Mars/Olympus`)).toContain('tz');
    expect(await bad(`from=yesterday&to=${day(0)}`)).toContain('from');
    const exportBad = await api<{ error: { code: string } }>(
      t.url,
      `/api/admin/analytics/export?${range}&table=passwords`,
      { cookie: admin },
    );
    expect(exportBad.status).toBe(400);
  });

  it('is for supervisors and admins of the workspace only', async () => {
    const anonymous = await api(t.url, `/api/admin/analytics/overview?${range}`);
    expect(anonymous.status).toBe(401);
    const asAgent = await api<{ error: { code: string } }>(t.url, `/api/admin/analytics/overview?${range}`, {
      cookie: agent,
    });
    expect(asAgent.status).toBe(403);
    expect(asAgent.body.error.code).toBe('forbidden');
    const exportAsAgent = await download(t.url, `/api/admin/analytics/conversations/export?${range}`, agent);
    expect(exportAsAgent.status).toBe(403);
  });

  it('sets the retention period (admins) within bounds', async () => {
    const initial = await api<{ retentionDays: number | null }>(t.url, '/api/admin/analytics/retention', {
      cookie: admin,
    });
    expect(initial.body.retentionDays).toBeNull();
    const put = (body: unknown, cookie = admin) =>
      api<{ retentionDays: number | null; error?: { code: string } }>(
        t.url,
        '/api/admin/analytics/retention',
        {
          method: 'PUT',
          body,
          cookie,
        },
      );
    expect((await put({ retentionDays: 3 })).status).toBe(400);
    expect((await put({ retentionDays: 90, extra: 1 })).status).toBe(400);
    expect((await put({ retentionDays: 90 }, agent)).status).toBe(403);
    const saved = await put({ retentionDays: 90 });
    expect(saved.status).toBe(200);
    expect(saved.body.retentionDays).toBe(90);
    expect((await put({ retentionDays: null })).body.retentionDays).toBeNull();
  });
});
