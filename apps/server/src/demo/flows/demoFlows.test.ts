import { readdirSync, readFileSync } from 'node:fs';
import {
  continueFlow,
  createFetchHttp,
  type FlowContext,
  type FlowDefinition,
  type FlowTurnResult,
  parseFlow,
  startFlow,
} from '@tandem/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEST_OTP, start } from '../businessApiServer.ts';

const files = readdirSync(new URL('./', import.meta.url)).filter((name) => name.endsWith('.yaml'));
const flows = new Map<string, FlowDefinition>();
for (const name of files) {
  const parsed = parseFlow(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'), 'yaml');
  if (parsed.ok) flows.set(name, parsed.flow);
}

let api: { url: string; close(): Promise<void> };
beforeAll(async () => {
  api = await start();
});
afterAll(() => api.close());

function context(lang: 'zh' | 'en', overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    lang,
    attributes: { customerId: 'C1001', vipLevel: 2 },
    now: new Date('2026-11-24T10:00:00+08:00'),
    http: createFetchHttp({ allowOrigins: [api.url] }),
    baseUrl: api.url,
    faq: (text, replyLang) =>
      /运费|shipping/i.test(text)
        ? { text: replyLang === 'zh' ? '满 99 元包邮。' : 'Shipping is free over ¥99.', buttons: [] }
        : null,
    ...overrides,
  };
}

/** Starts the flow and sends each message; returns every turn's result. */
async function chat(
  id: string,
  lang: 'zh' | 'en',
  messages: string[],
  ctx = context(lang),
): Promise<FlowTurnResult[]> {
  const flow = flows.get(`${id}.yaml`);
  if (!flow) throw new Error(`no demo flow ${id}`);
  const results = [await startFlow(flow, ctx)];
  for (const text of messages) {
    const state = results.at(-1)?.state;
    if (!state) throw new Error(`${id} finished before "${text}"`);
    results.push(await continueFlow(flow, state, { text, lang }, ctx));
  }
  return results;
}

const said = (result: FlowTurnResult | undefined) => (result?.replies ?? []).map((r) => r.text).join('\n');
const end = (results: FlowTurnResult[]) => results.at(-1) as FlowTurnResult;

describe('demo flows', () => {
  it('all parse without errors or warnings, each named after its id', () => {
    expect(files.sort()).toEqual([
      'card_bill.yaml',
      'change_address.yaml',
      'order_status.yaml',
      'password_reset.yaml',
      'return_request.yaml',
    ]);
    for (const name of files) {
      const parsed = parseFlow(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'), 'yaml');
      expect(parsed.ok ? parsed.warnings : parsed.errors, name).toEqual([]);
      expect(parsed.ok && `${parsed.flow.id}.yaml`, name).toBe(name);
    }
  });

  it('order status: a shipped order in Chinese', async () => {
    const results = await chat('order_status', 'zh', ['202611230001']);
    expect(said(results[0])).toContain('订单号');
    expect(end(results).outcome).toBe('ended');
    expect(said(end(results))).toContain(
      '（无线降噪耳机）已发货：顺丰速运，运单号 SF1234567890，预计 2026-11-25 送达',
    );
    // names in the reply's language only
    expect(said(end(results))).not.toMatch(/SF Express|Wireless/);
  });

  it('order status: a paid order in English, after a digression, offering an address change', async () => {
    const results = await chat('order_status', 'en', ['how much is shipping?', 'order number 202611230002']);
    expect(results[1]?.outcome).toBe('digressed');
    expect(said(end(results))).toContain('is paid and being packed');
    expect(end(results).replies[0]?.buttons).toEqual([
      { label: 'Change the address', payload: 'change my delivery address' },
    ]);
  });

  it('order status: unknown numbers are re-asked once, then handed to an agent', async () => {
    const results = await chat('order_status', 'zh', ['202611239999', '202611238888']);
    expect(said(results[1])).toContain('没有找到订单 202611239999');
    expect(end(results)).toMatchObject({ outcome: 'handover', handover: { tier: 'agent' } });
  });

  it('order status: the business system down goes to an apology with an agent button', async () => {
    const ctx = context('zh', {
      baseUrl: 'http://127.0.0.1:1',
      http: createFetchHttp({ allowOrigins: ['http://127.0.0.1:1'] }),
    });
    const results = await chat('order_status', 'zh', ['202611230001'], ctx);
    expect(end(results).outcome).toBe('ended');
    expect(said(end(results))).toContain('订单系统暂时无法查询');
    expect(end(results).replies[0]?.buttons).toEqual([{ label: '转人工客服', payload: '转人工' }]);
  });

  it('change address: before shipping, with a corrected address', async () => {
    const results = await chat('change_address', 'zh', [
      '202611230002',
      '北京市朝阳区建国路 88 号',
      '不是，是北京市朝阳区建国路 99 号 2 单元',
      '对',
    ]);
    expect(said(results[1])).toContain('现在寄往：上海市浦东新区世纪大道 100 号');
    expect(said(results[3])).toContain('「北京市朝阳区建国路 99 号 2 单元」');
    expect(end(results).outcome).toBe('ended');
    expect(said(end(results))).toContain('将寄往：北京市朝阳区建国路 99 号 2 单元');
  });

  it('change address: refused once shipped, in English', async () => {
    const results = await chat('change_address', 'en', ['202611230001']);
    expect(said(end(results))).toContain('has already shipped');
  });

  it('return request: a delivered order opens a return ticket', async () => {
    const results = await chat('return_request', 'zh', ['202611230003', '键盘有几个键失灵', '是的']);
    expect(said(results[2])).toContain('提交退货申请，原因：「键盘有几个键失灵」');
    expect(end(results).outcome).toBe('ended');
    expect(said(end(results))).toMatch(/已提交退货申请，工单号 T\d+/);
    expect(end(results).vars).toMatchObject({ kind: 'return', slots: { orderNo: '202611230003' } });
  });

  it('return request: a paid order is refunded, in English; cancelling works midway', async () => {
    const refund = await chat('return_request', 'en', ['202611230002', 'ordered the wrong colour', 'yes']);
    expect(said(refund[1])).toContain('simply be refunded');
    expect(said(end(refund))).toMatch(/Your refund request is in, ticket number T\d+/);
    const cancelled = await chat('return_request', 'en', ['202611230003', 'never mind']);
    expect(end(cancelled)).toMatchObject({ outcome: 'cancelled', state: null });
  });

  it('card bill: identity check with the one-time code, then the statement; the code is masked', async () => {
    const results = await chat('card_bill', 'zh', ['6688', `验证码 ${DEMO_TEST_OTP}`]);
    expect(said(results[0])).toContain('后四位');
    expect(end(results).outcome).toBe('ended');
    expect(said(end(results))).toContain('应还金额 ¥3280.5，最低还款额 ¥328.05，到期还款日 2026-11-25');
    expect(JSON.stringify(end(results).vars)).not.toContain(DEMO_TEST_OTP);
  });

  it('card bill: a wrong code is retried once, then handed to the card team', async () => {
    const results = await chat('card_bill', 'en', ['6688', '111111', '6688', '222222']);
    expect(said(results[2])).toContain("That didn't match");
    expect(end(results)).toMatchObject({ outcome: 'handover', handover: { team: 'cards' } });
  });

  it('card bill: asks an anonymous visitor to sign in', async () => {
    const results = await chat('card_bill', 'en', [], context('en', { attributes: {} }));
    expect(said(end(results))).toContain('sign in');
  });

  it('password reset: by text message in Chinese and by email in English', async () => {
    const sms = await chat('password_reset', 'zh', ['短信', '13800138000']);
    expect(said(end(sms))).toContain('138****8000');
    const email = await chat('password_reset', 'en', ['email', 'li.lei@example.com']);
    expect(said(end(email))).toContain('l***@example.com');
    expect(said(end(email))).toContain('by email');
  });
});
