import { describe, expect, it } from 'vitest';
import { buildFlow, last, talk, testContext, testFaq, texts } from './testSupport.ts';

const flow = buildFlow(`id: address
name: { zh: 改地址, en: Change address }
trigger: { examples: { zh: [改地址], en: [change address] } }
start: ask_order
nodes:
  ask_order:
    type: ask
    slot:
      name: orderNo
      entity: order_number
      prompt: { zh: 订单号？, en: Order number? }
      reprompt: { zh: 请发订单号, en: Please send the order number }
    next: ask_line
  ask_line:
    type: ask
    slot:
      name: line
      entity: text
      validate: { min: 4 }
      prompt: { zh: 新地址？, en: New address? }
      reprompt: { zh: 请写完整地址, en: Please write the full address }
    next: check
  check:
    type: confirm
    text: { zh: '把订单 {{slots.orderNo}} 改到「{{slots.line}}」，对吗？', en: 'Send order {{slots.orderNo}} to "{{slots.line}}"?' }
    yes: done
    no: ask_line
    maxRetries: 1
  done: { type: end, text: { zh: 已修改, en: Changed } }
`);

describe('confirm', () => {
  it('offers Yes/No buttons and goes on after yes', async () => {
    const results = await talk(flow, ['202611230002', '上海市浦东新区世纪大道 100 号', '对的']);
    expect(results[2]?.replies).toEqual([
      {
        text: '把订单 202611230002 改到「上海市浦东新区世纪大道 100 号」，对吗？',
        buttons: [
          { label: '是', payload: '是' },
          { label: '否', payload: '否' },
        ],
      },
    ]);
    expect(last(results)).toMatchObject({ outcome: 'ended', replies: [{ text: '已修改' }] });
  });

  it('follows no', async () => {
    const results = await talk(flow, ['202611230002', '上海市浦东新区世纪大道 100 号', '不对']);
    expect(texts(last(results))).toEqual(['新地址？']);
  });

  it('understands English yes and no', async () => {
    const ctx = testContext({ lang: 'en' });
    const yes = await talk(flow, ['202611230002', '1 Main Street, Springfield', 'yep'], ctx);
    expect(last(yes).outcome).toBe('ended');
    const no = await talk(flow, ['202611230002', '1 Main Street, Springfield', 'nope'], ctx);
    expect(texts(last(no))).toEqual(['New address?']);
  });

  it('takes a corrected order number and confirms again', async () => {
    const results = await talk(flow, [
      '202611230002',
      '上海市浦东新区世纪大道 100 号',
      '不是，是 202611230003',
      '是',
    ]);
    expect(results[3]).toMatchObject({ outcome: 'waiting', vars: { slots: { orderNo: '202611230003' } } });
    expect(texts(results[3])[0]).toContain('202611230003');
    expect(last(results).outcome).toBe('ended');
  });

  it('takes a corrected free-text value after a denial, in English', async () => {
    const ctx = testContext({ lang: 'en' });
    const results = await talk(
      flow,
      ['202611230002', '1 Main Street', "no, it's 2 High Street, Oxford"],
      ctx,
    );
    expect(last(results)).toMatchObject({
      outcome: 'waiting',
      vars: { slots: { line: '2 High Street, Oxford' } },
    });
    expect(texts(last(results))).toEqual(['Send order 202611230002 to "2 High Street, Oxford"?']);
  });

  it('takes a new value given without a denial', async () => {
    const results = await talk(flow, [
      '202611230002',
      '上海市浦东新区世纪大道 100 号',
      '订单号 202611230001',
    ]);
    expect(last(results).vars).toMatchObject({ slots: { orderNo: '202611230001' } });
  });

  it('re-prompts, then fails with a way to an agent', async () => {
    const results = await talk(flow, [
      '202611230002',
      '上海市浦东新区世纪大道 100 号',
      '嗯……让我想想',
      '还在想',
    ]);
    expect(texts(results[3])[0]).toMatch(/^请回复“是”或“否”。把订单/);
    expect(results[3]?.replies[0]?.buttons.map((b) => b.label)).toEqual(['是', '否']);
    expect(last(results)).toMatchObject({ outcome: 'failed', state: null });
  });

  it('answers a side question and asks again', async () => {
    const ctx = testContext({ faq: testFaq });
    const results = await talk(
      flow,
      ['202611230002', '上海市浦东新区世纪大道 100 号', '运费怎么算？', '是'],
      ctx,
    );
    expect(results[3]).toMatchObject({ outcome: 'digressed', state: { node: 'check', retries: 0 } });
    expect(texts(results[3])).toEqual([
      '满 99 元包邮。',
      '我们接着刚才的事：把订单 202611230002 改到「上海市浦东新区世纪大道 100 号」，对吗？',
    ]);
    expect(last(results).outcome).toBe('ended');
  });
});
