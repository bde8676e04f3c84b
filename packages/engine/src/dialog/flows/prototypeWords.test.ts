import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse.ts';
import { buildFlow, last, talk, texts } from './testSupport.ts';

const header = `id: proto
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [测试], en: [test] } }
`;

describe('flows and names of Object.prototype members', () => {
  it('reject a reference to a node that is only a member of Object.prototype', () => {
    for (const id of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      const parsed = parseFlow(`${header}start: hello
nodes:
  hello: { type: say, text: { zh: 你好, en: Hi }, next: ${id} }
`);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.errors).toContainEqual({ path: 'nodes.hello.next', message: `no node "${id}"` });
      const start = parseFlow(`${header}start: ${id}
nodes:
  hello: { type: end }
`);
      expect(start.ok).toBe(false);
      if (!start.ok) expect(start.errors).toContainEqual({ path: 'start', message: `no node "${id}"` });
    }
  });

  it('run nodes, variables and slots with such names', async () => {
    const flow = buildFlow(`${header}start: constructor
nodes:
  constructor:
    type: set
    values: { toString: converted, valueOf: 42 }
    next: toString
  toString:
    type: ask
    slot:
      name: hasOwnProperty
      entity: order_number
      prompt: { zh: '订单号？{{toString}}', en: 'Order number? {{toString}}' }
      reprompt: { zh: 订单号？, en: Order number? }
    next: valueOf
  valueOf:
    type: end
    text: { zh: '好的 {{slots.hasOwnProperty}} {{valueOf}} [{{constructor}}]', en: 'OK' }
`);
    const results = await talk(flow, ['202611230001']);
    expect(texts(results[0])).toEqual(['订单号？converted']);
    expect(last(results)).toMatchObject({ outcome: 'ended', vars: { toString: 'converted', valueOf: 42 } });
    expect(texts(last(results))).toEqual(['好的 202611230001 42 []']);
  });

  it('take a slot named "constructor" as empty until the customer fills it', async () => {
    // ask_name is never reached: its slot is empty, so "不是，是 …" at the confirmation is a plain no
    const flow = buildFlow(`${header}start: ask_order
nodes:
  ask_order:
    type: ask
    slot:
      name: orderNo
      entity: order_number
      prompt: { zh: 订单号？, en: Order number? }
      reprompt: { zh: 请发订单号, en: Please send the order number }
    next: check
  check:
    type: confirm
    text: { zh: '订单 {{slots.orderNo}}，对吗？', en: 'Order {{slots.orderNo}}?' }
    yes: done
    no: sorry
  ask_name:
    type: ask
    slot:
      name: constructor
      entity: text
      prompt: { zh: 名字？, en: Name? }
      reprompt: { zh: 名字？, en: Name? }
    next: done
  sorry: { type: end, text: { zh: 好的，已取消, en: Cancelled } }
  done: { type: end, text: { zh: 已完成, en: Done } }
`);
    const results = await talk(flow, ['202611230001', '不是，是张三丰的地址']);
    expect(last(results)).toMatchObject({ outcome: 'ended', vars: { slots: { orderNo: '202611230001' } } });
    expect(texts(last(results))).toEqual(['好的，已取消']);
  });

  it('refuse "__proto__" as a variable or slot name', () => {
    const slot = parseFlow(`${header}start: ask
nodes:
  ask:
    type: ask
    slot: { name: __proto__, entity: text, prompt: { zh: 问, en: Q }, reprompt: { zh: 问, en: Q } }
    next: done
  done: { type: end }
`);
    expect(slot.ok).toBe(false);
    if (!slot.ok) expect(slot.errors.map((e) => e.path)).toContain('nodes.ask.slot.name');
    const set = parseFlow(`${header}start: set
nodes:
  set: { type: set, values: { 'slots.__proto__': { polluted: true } }, next: done }
  done: { type: end }
`);
    expect(set.ok).toBe(false);
  });
});
