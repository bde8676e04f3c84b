import { describe, expect, it } from 'vitest';
import { startFlow } from './run.ts';
import { buildFlow, testContext, texts } from './testSupport.ts';

const names = `id: t
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [], en: [] } }
`;

describe('say, set, branch, handover and end', () => {
  it('says texts with buttons, in the context language, and ends', async () => {
    const flow = buildFlow(`${names}start: hello
nodes:
  hello:
    type: say
    text: { zh: '您好，VIP{{attributes.vipLevel}}', en: 'Hello, VIP {{attributes.vipLevel}}' }
    buttons: [{ label: { zh: 查订单, en: Orders }, payload: { zh: 查订单, en: my orders } }]
    next: bye
  bye: { type: end, text: { zh: 再见, en: Bye } }
`);
    const zh = await startFlow(flow, testContext());
    expect(zh).toMatchObject({ outcome: 'ended', state: null });
    expect(zh.replies).toEqual([
      { text: '您好，VIP2', buttons: [{ label: '查订单', payload: '查订单' }] },
      { text: '再见', buttons: [] },
    ]);
    const en = await startFlow(flow, testContext({ lang: 'en' }));
    expect(en.replies[0]).toEqual({
      text: 'Hello, VIP 2',
      buttons: [{ label: 'Orders', payload: 'my orders' }],
    });
  });

  it('sets variables and slots, keeping types, and clears with null', async () => {
    const flow = buildFlow(`${names}start: first
nodes:
  first:
    type: set
    values: { level: '{{attributes.vipLevel}}', label: 'VIP{{attributes.vipLevel}}', slots.phone: '13800138000', gone: x }
    next: second
  second:
    type: set
    values: { gone: null, copy: '{{level}}' }
    next: done
  done: { type: end }
`);
    const result = await startFlow(flow, testContext());
    expect(result.outcome).toBe('ended');
    expect(result.replies).toEqual([]);
    expect(result.vars).toEqual({ level: 2, label: 'VIP2', copy: 2, slots: { phone: '13800138000' } });
  });

  it('branches on the first matching case, else the default', async () => {
    const flow = buildFlow(`${names}start: route
nodes:
  route:
    type: branch
    cases:
      - when: { all: [{ var: attributes.vipLevel, op: gte, value: 3 }, { var: attributes.customerId, op: exists }] }
        next: vip
      - when: { var: attributes.customerId, op: in, value: [C1001, C1002] }
        next: known
    default: other
  vip: { type: end, text: { zh: 贵宾, en: VIP } }
  known: { type: end, text: { zh: 老客户, en: Known } }
  other: { type: end, text: { zh: 新客户, en: New } }
`);
    expect(texts(await startFlow(flow, testContext()))).toEqual(['老客户']);
    expect(
      texts(await startFlow(flow, testContext({ attributes: { customerId: 'C9', vipLevel: 5 } }))),
    ).toEqual(['贵宾']);
    expect(texts(await startFlow(flow, testContext({ attributes: {} })))).toEqual(['新客户']);
  });

  it('hands over with tier, team, reason and a reply', async () => {
    const flow = buildFlow(`${names}start: pass
nodes:
  pass:
    type: handover
    tier: expert
    team: cards
    reason: 'card dispute for {{attributes.customerId}}'
`);
    const result = await startFlow(flow, testContext({ lang: 'en' }));
    expect(result).toMatchObject({
      outcome: 'handover',
      state: null,
      handover: { tier: 'expert', team: 'cards', reason: 'card dispute for C1001' },
    });
    expect(texts(result)[0]).toMatch(/specialist/);
  });

  it('hands over to an agent by default, with the node text when given', async () => {
    const flow = buildFlow(`${names}start: pass
nodes:
  pass: { type: handover, reason: asked, text: { zh: 马上为您转接, en: Connecting you now } }
`);
    const result = await startFlow(flow, testContext());
    expect(result.handover).toEqual({ tier: 'agent', reason: 'asked' });
    expect(texts(result)).toEqual(['马上为您转接']);
  });

  it('ends silently when the end node has no text', async () => {
    const flow = buildFlow(`${names}start: done
nodes:
  done: { type: end }
`);
    expect(await startFlow(flow, testContext())).toMatchObject({
      outcome: 'ended',
      replies: [],
      state: null,
    });
  });
});
