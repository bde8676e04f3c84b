import { describe, expect, it } from 'vitest';
import { continueFlow, startFlow } from './run.ts';
import { buildFlow, last, talk, testContext, texts } from './testSupport.ts';

const flow = buildFlow(`id: ask_test
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [查订单], en: [order status] } }
start: ask_order
nodes:
  ask_order:
    type: ask
    slot:
      name: orderNo
      entity: order_number
      validate: { pattern: '\\d{12}' }
      prompt: { zh: 请提供订单号, en: What is your order number? }
      reprompt: { zh: 订单号是 12 位数字，请再发一次, en: Order numbers have 12 digits. Please try again. }
      onFail: give_up
    next: done
  done: { type: end, text: { zh: '收到 {{slots.orderNo}}', en: 'Got {{slots.orderNo}}' } }
  give_up: { type: handover, reason: 'no order number', text: { zh: 转人工, en: Passing you on } }
`);

describe('ask', () => {
  it('asks, then fills the slot and goes on', async () => {
    const results = await talk(flow, ['订单号 202611230001']);
    expect(results[0]).toMatchObject({
      outcome: 'waiting',
      state: { awaiting: { kind: 'ask', node: 'ask_order' } },
    });
    expect(texts(results[0])).toEqual(['请提供订单号']);
    expect(last(results)).toMatchObject({ outcome: 'ended', vars: { slots: { orderNo: '202611230001' } } });
    expect(texts(last(results))).toEqual(['收到 202611230001']);
  });

  it('re-prompts on invalid answers and goes to onFail after maxRetries', async () => {
    const results = await talk(flow, ['123456', '不知道', '2026']);
    expect(texts(results[1])).toEqual(['订单号是 12 位数字，请再发一次']);
    expect(results[1]?.state).toMatchObject({ retries: 1 });
    expect(results[2]?.state).toMatchObject({ retries: 2 });
    expect(last(results)).toMatchObject({ outcome: 'handover', handover: { reason: 'no order number' } });
  });

  it('fails politely, with a way to an agent, when there is no onFail', async () => {
    const strict = buildFlow({
      ...flow,
      nodes: {
        ...flow.nodes,
        ask_order: {
          type: 'ask',
          slot: { ...(flow.nodes.ask_order as { slot: object }).slot, onFail: undefined, maxRetries: 0 },
          next: 'done',
        },
      },
    });
    const results = await talk(strict, ['nope'], testContext({ lang: 'en' }));
    expect(last(results)).toMatchObject({ outcome: 'failed', state: null });
    expect(last(results).replies[0]?.buttons).toEqual([
      { label: 'Talk to an agent', payload: 'human agent' },
    ]);
    expect(last(results).problems[0]?.node).toBe('ask_order');
  });

  it('takes the value from the message that started the flow', async () => {
    const result = await startFlow(flow, testContext(), { text: '帮我查下订单 202611230003', lang: 'zh' });
    expect(result).toMatchObject({ outcome: 'ended', vars: { slots: { orderNo: '202611230003' } } });
  });

  it('answers in the language of the input', async () => {
    const first = await startFlow(flow, testContext());
    const next = await continueFlow(flow, first.state!, { text: 'it is 12', lang: 'en' }, testContext());
    expect(texts(next)).toEqual(['Order numbers have 12 digits. Please try again.']);
  });

  it('offers the options as buttons and reads the choice', async () => {
    const choose = buildFlow(`id: choose
name: { zh: 选择, en: Choose }
trigger: { examples: { zh: [], en: [] } }
start: pick
nodes:
  pick:
    type: ask
    slot:
      name: channel
      entity: text
      validate:
        options:
          - { value: sms, label: { zh: 短信, en: Text message } }
          - { value: email, label: { zh: 邮件, en: Email } }
      prompt: { zh: 发短信还是邮件？, en: Text or email? }
      reprompt: { zh: 请选择短信或邮件, en: Please pick one }
    next: done
  done: { type: end, text: { zh: '{{slots.channel}}', en: '{{slots.channel}}' } }
`);
    const results = await talk(choose, ['随便', '邮件']);
    expect(results[0]?.replies[0]?.buttons).toEqual([
      { label: '短信', payload: '短信' },
      { label: '邮件', payload: '邮件' },
    ]);
    expect(results[1]?.replies[0]).toEqual({
      text: '请选择短信或邮件',
      buttons: [
        { label: '短信', payload: '短信' },
        { label: '邮件', payload: '邮件' },
      ],
    });
    expect(texts(last(results))).toEqual(['email']);
  });

  it('refuses a state saved by another flow, or not a state at all', async () => {
    const first = await startFlow(flow, testContext());
    const input = { text: '202611230001', lang: 'zh' as const };
    const other = await continueFlow(flow, { ...first.state!, flowId: 'other' }, input, testContext());
    expect(other).toMatchObject({ outcome: 'failed', state: null });
    const gone = await continueFlow(
      flow,
      { ...first.state!, awaiting: { kind: 'ask', node: 'removed' } },
      input,
      testContext(),
    );
    expect(gone).toMatchObject({ outcome: 'failed', state: null });
    const junk = JSON.parse('{"flowId":"ask_test","vars":null}');
    expect(await continueFlow(flow, junk, input, testContext())).toMatchObject({
      outcome: 'failed',
      state: null,
    });
  });
});
