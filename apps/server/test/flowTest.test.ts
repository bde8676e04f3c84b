import type { FlowTestResult, FlowValidateResult } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, EVENT_TIMEOUT_MS, RETRAIN_TIMEOUT_MS, startTestApp, type TestApp } from './harness.ts';
import { knowledgeStaff } from './knowledgeHelpers.ts';

type ErrorBody = { error: { code: string; details?: Array<{ path: string; message: string }> } };

/** A two-step flow as the form writes it: ask how many people, then confirm the booking. */
function bookingFlow(): Record<string, unknown> {
  return {
    id: 'book_table',
    name: { zh: '预订餐桌', en: 'Book a table' },
    trigger: {
      examples: {
        zh: ['我想预订餐桌', '帮我订个桌子', '预订晚餐座位'],
        en: ['book a table', 'I want to reserve a table', 'reserve a table for dinner'],
      },
    },
    start: 'ask_guests',
    nodes: {
      ask_guests: {
        type: 'ask',
        slot: {
          name: 'guests',
          entity: 'number',
          prompt: { zh: '请问几位用餐？', en: 'How many guests?' },
          reprompt: { zh: '请发一个数字，例如 4。', en: 'Please send a number, like 4.' },
        },
        next: 'done',
      },
      done: {
        type: 'end',
        text: { zh: '已为 {{slots.guests}} 位预订。', en: 'Booked a table for {{slots.guests}}.' },
      },
    },
  };
}

/**
 * The structured flow editor's server side: a draft is checked as saving would check it, with each
 * problem at its node's path, and answers a test conversation turn by turn with nothing stored.
 */
describe('flow drafts: validation and test runs', () => {
  let t: TestApp;
  let staff: Awaited<ReturnType<typeof knowledgeStaff>>;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    staff = await knowledgeStaff(t, 'flow-other');
  }, RETRAIN_TIMEOUT_MS);
  afterAll(() => t?.close());

  const validate = (draft: object, cookie = staff.admin) =>
    api<FlowValidateResult & ErrorBody>(t.url, '/api/admin/bot/flow/validate', { cookie, body: { draft } });
  /** A test run; while the test bot learns new phrasings the server answers `busy` after a while: ask again. */
  async function testRun(body: object, cookie = staff.admin) {
    for (let attempt = 0; ; attempt++) {
      const res = await api<FlowTestResult & ErrorBody>(t.url, '/api/admin/bot/flow/test', { cookie, body });
      if (res.status !== 503 || attempt >= 30) return res;
      expect(res.body.error.code).toBe('busy');
    }
  }
  const count = async (table: 'conversations' | 'messages' | 'contacts' | 'bot_definitions') => {
    const row = await t.app.ctx.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('puts each problem at its node and field', async () => {
    const flow = bookingFlow();
    const nodes = flow.nodes as Record<string, Record<string, unknown>>;
    const { next: _next, ...withoutNext } = nodes.ask_guests as Record<string, unknown>;
    const missing = await validate({ document: { ...flow, nodes: { ...nodes, ask_guests: withoutNext } } });
    expect(missing.status).toBe(200);
    expect(missing.body.id).toBe('book_table');
    expect(missing.body.errors.map((e) => e.path)).toEqual(['nodes.ask_guests.next']);

    // references are checked once the fields are all there: a next node that does not exist, a node
    // nothing leads to (a warning: it does not block saving), an empty text
    const wrong = await validate({
      document: {
        ...flow,
        nodes: {
          ...nodes,
          ask_guests: { ...nodes.ask_guests, next: 'nowhere' },
          orphan: { type: 'end', text: { zh: '孤立', en: 'Alone' } },
        },
      },
    });
    expect(wrong.body.errors).toEqual([{ path: 'nodes.ask_guests.next', message: 'no node "nowhere"' }]);
    expect(wrong.body.warnings).toContainEqual({
      path: 'nodes.orphan',
      message: 'unreachable from the start node',
    });
    const empty = await validate({
      document: { ...flow, nodes: { ...nodes, done: { type: 'end', text: { zh: ' ', en: 'Booked.' } } } },
    });
    expect(empty.body.errors).toEqual([{ path: 'nodes.done.text.zh', message: 'must not be empty' }]);

    // the source editor's text: the same checks, YAML included
    const ok = await validate({ format: 'json', source: JSON.stringify(flow) });
    expect(ok.body).toEqual({ id: 'book_table', errors: [], warnings: [] });
    const broken = await validate({ format: 'yaml', source: 'id: x\nnodes: [' });
    expect(broken.body.errors[0]?.path).toBe('');
    expect(broken.body.errors[0]?.message).toMatch(/not valid YAML/);
  });

  it(
    'answers a test conversation turn by turn with the draft, and stores nothing',
    async () => {
      const before = await Promise.all(
        (['contacts', 'conversations', 'messages', 'bot_definitions'] as const).map(count),
      );
      const first = await testRun({
        draft: { document: bookingFlow() },
        messages: [{ text: 'book a table' }],
      });
      expect(first.status).toBe(200);
      expect(first.body.handedOver).toBe(false);
      expect(first.body.turns).toHaveLength(1);
      expect(first.body.turns[0]).toMatchObject({
        text: 'book a table',
        lang: 'en',
        kind: 'flow',
        stage: 'flow',
        intent: { name: 'flow:book_table' },
        flow: { id: 'book_table', outcome: 'waiting', node: 'ask_guests' },
      });
      expect(first.body.turns[0]?.replies.map((r) => r.text).join(' ')).toContain('How many guests?');

      // the next request replays the conversation from its start, with the answer
      const second = await testRun({
        draft: { document: bookingFlow() },
        messages: [{ text: 'book a table' }, { text: '4' }],
      });
      expect(second.status).toBe(200);
      const [, answer] = second.body.turns;
      expect(answer).toMatchObject({
        text: '4',
        kind: 'flow',
        flow: { id: 'book_table', outcome: 'ended', node: null, vars: { slots: { guests: 4 } } },
      });
      expect(answer?.replies.map((r) => r.text).join(' ')).toContain('Booked a table for 4');

      // in Chinese: the widget's language decides the replies
      const zh = await testRun({
        draft: { document: bookingFlow() },
        messages: [{ text: '我想预订餐桌' }, { text: '6' }],
        lang: 'zh',
      });
      expect(zh.body.turns.map((turn) => turn.replies.map((r) => r.text).join(' '))).toEqual([
        expect.stringContaining('请问几位用餐'),
        expect.stringContaining('已为 6 位预订'),
      ]);

      expect(
        await Promise.all((['contacts', 'conversations', 'messages', 'bot_definitions'] as const).map(count)),
      ).toEqual(before);
      // the running bot does not know the draft
      const running = await api<{ intent: { name: string } | null }>(t.url, '/api/admin/bot/try', {
        cookie: staff.admin,
        body: { text: 'book a table', lang: 'en' },
      });
      expect(running.body.intent?.name).not.toBe('flow:book_table');
    },
    EVENT_TIMEOUT_MS * 4,
  );

  it(
    'does not send writes, nor reads outside the allow-list, and stops at a hand-over',
    async () => {
      const flow = bookingFlow();
      const nodes = flow.nodes as Record<string, unknown>;
      const draft = {
        ...flow,
        nodes: {
          ...nodes,
          ask_guests: { ...(nodes.ask_guests as object), next: 'save' },
          save: {
            type: 'http',
            method: 'POST',
            url: '/demo-api/bookings',
            body: { guests: '{{slots.guests}}' },
            next: 'lookup',
            onError: 'lookup',
          },
          lookup: {
            type: 'http',
            url: 'http://169.254.169.254/latest/meta-data',
            next: 'done',
            onError: 'to_person',
          },
          to_person: {
            type: 'handover',
            reason: 'booking failed',
            text: { zh: '转人工', en: 'An agent will help.' },
          },
        },
      };
      const res = await testRun({
        draft: { document: draft },
        messages: [{ text: 'book a table' }, { text: '2' }, { text: 'hello?' }],
      });
      expect(res.status).toBe(200);
      expect(res.body.handedOver).toBe(true);
      expect(res.body.turns).toHaveLength(2);
      const [, last] = res.body.turns;
      expect(last?.httpCalls).toEqual([
        { method: 'POST', url: expect.stringMatching(/\/demo-api\/bookings$/), performed: false },
        { method: 'GET', url: 'http://169.254.169.254/latest/meta-data', performed: true },
      ]);
      expect(last?.handover).toMatchObject({ tier: 'agent', detail: 'booking failed' });
      expect(last?.flow).toMatchObject({ outcome: 'handover', node: null });
    },
    EVENT_TIMEOUT_MS * 4,
  );

  it('refuses agents, oversized input and invalid drafts with stable codes', async () => {
    const agentValidate = await validate({ document: bookingFlow() }, staff.agent);
    expect([agentValidate.status, agentValidate.body.error.code]).toEqual([403, 'forbidden']);
    const agentRun = await testRun(
      { draft: { document: bookingFlow() }, messages: [{ text: 'book a table' }] },
      staff.agent,
    );
    expect([agentRun.status, agentRun.body.error.code]).toEqual([403, 'forbidden']);
    const nobody = await testRun({ draft: { document: bookingFlow() }, messages: [{ text: 'hi' }] }, '');
    expect(nobody.status).toBe(401);

    // a body over the server's limit is refused before it is read
    const huge = await testRun({
      draft: { format: 'yaml', source: `# ${'x'.repeat(70_000)}\n` },
      messages: [{ text: 'hi' }],
    });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    const long = await testRun({
      draft: { document: bookingFlow() },
      messages: [{ text: 'x'.repeat(4001) }],
    });
    expect([long.status, long.body.error.code]).toEqual([400, 'message_too_long']);
    const many = await testRun({
      draft: { document: bookingFlow() },
      messages: Array.from({ length: 21 }, () => ({ text: 'hi' })),
    });
    expect([many.status, many.body.error.code]).toEqual([400, 'validation_failed']);
    expect(many.body.error.details?.[0]?.path).toBe('messages');

    // a draft with errors is not run: the errors come back at their paths
    const flow = bookingFlow();
    const invalid = await testRun({
      draft: { document: { ...flow, start: 'nowhere' } },
      messages: [{ text: 'book a table' }],
    });
    expect([invalid.status, invalid.body.error.code]).toEqual([400, 'validation_failed']);
    expect(invalid.body.error.details).toEqual([{ path: 'start', message: 'no node "nowhere"' }]);
  });

  it(
    "runs on the caller's own workspace",
    async () => {
      // the other workspace has none of the demo's flows: the demo's order-status phrasing starts nothing there
      const own = await testRun({
        draft: { document: bookingFlow() },
        messages: [{ text: '我的订单到哪了' }],
        lang: 'zh',
      });
      expect(own.body.turns[0]?.flow?.id).toBe('order_status');
      const other = await testRun(
        { draft: { document: bookingFlow() }, messages: [{ text: '我的订单到哪了' }], lang: 'zh' },
        staff.outsider,
      );
      expect(other.status).toBe(200);
      expect(other.body.turns[0]?.flow?.id ?? null).not.toBe('order_status');
    },
    EVENT_TIMEOUT_MS * 4,
  );
});
