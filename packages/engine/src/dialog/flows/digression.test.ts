import { describe, expect, it } from 'vitest';
import { buildFlow, last, talk, testContext, testFaq, texts } from './testSupport.ts';

const flow = buildFlow(`id: return_request
name: { zh: 退货, en: Return }
trigger: { examples: { zh: [我要退货], en: [return an item] } }
start: ask_order
nodes:
  ask_order:
    type: ask
    slot:
      name: orderNo
      entity: order_number
      prompt: { zh: 请提供订单号, en: Your order number? }
      reprompt: { zh: 请发订单号, en: Please send the order number }
      maxRetries: 1
    next: ask_reason
  ask_reason:
    type: ask
    slot:
      name: reason
      entity: text
      prompt: { zh: 退货原因？, en: Why are you returning it? }
      reprompt: { zh: 请说明原因, en: Please give a reason }
    next: done
  done: { type: end, text: { zh: '已登记：{{slots.reason}}', en: 'Noted: {{slots.reason}}' } }
`);

describe('digressions', () => {
  it('answers an FAQ mid-flow, asks again without using a retry, and resumes', async () => {
    const ctx = testContext({ faq: testFaq });
    const results = await talk(flow, ['运费多少', '运费呢', '202611230003', '尺码不合适'], ctx);
    expect(results[1]).toMatchObject({ outcome: 'digressed', state: { node: 'ask_order', retries: 0 } });
    expect(texts(results[1])).toEqual(['满 99 元包邮。', '我们接着刚才的事：请提供订单号']);
    expect(results[2]?.outcome).toBe('digressed');
    expect(last(results)).toMatchObject({
      outcome: 'ended',
      vars: { slots: { orderNo: '202611230003', reason: '尺码不合适' } },
    });
  });

  it('answers a question asked at a free-text slot instead of taking it as the answer', async () => {
    const ctx = testContext({ faq: testFaq, lang: 'en' });
    const results = await talk(flow, ['202611230003', 'what is the shipping fee?', 'it broke'], ctx);
    expect(texts(results[2])).toEqual([
      'Shipping is free over ¥99.',
      'Back to what we were doing: Why are you returning it?',
    ]);
    expect(texts(last(results))).toEqual(['Noted: it broke']);
  });

  it('re-prompts when the FAQ has no answer either', async () => {
    const results = await talk(flow, ['你好'], testContext({ faq: testFaq }));
    expect(last(results)).toMatchObject({
      outcome: 'waiting',
      replies: [{ text: '请发订单号' }],
      state: { retries: 1 },
    });
  });

  it('treats a failing FAQ look-up as no answer', async () => {
    const faq = () => {
      throw new Error('index not loaded');
    };
    const result = last(await talk(flow, ['运费多少'], testContext({ faq })));
    expect(result).toMatchObject({ outcome: 'waiting', replies: [{ text: '请发订单号' }] });
    expect(result.problems[0]?.message).toMatch(/index not loaded/);
  });
});
