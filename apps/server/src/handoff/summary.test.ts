import { describe, expect, it } from 'vitest';
import type { IntentNames } from './names.ts';
import { buildHandoffSummary } from './summary.ts';
import { testTranscript } from './testTranscript.ts';

const contact = {
  name: '陈先生',
  attributes: { customerId: 'C1001', identityVerified: true, vipLevel: 'gold' },
};

/** Readable names of the intents the stories use, as loadIntentNames finds them in the knowledge and flows. */
const topics: Record<string, { zh: string; en: string }> = {
  'returns.policy': { zh: '退货政策是什么？', en: 'What is the return policy?' },
  'refunds.status': { zh: '退款多久到账？', en: 'When will my refund arrive?' },
  'flow:return_request': { zh: '退货退款申请', en: 'Return or refund request' },
  'flow:card_bill': { zh: '同行卡账单查询', en: 'Tandem Card bill' },
};
const names =
  (lang: 'zh' | 'en'): IntentNames =>
  (intent) =>
    topics[intent]?.[lang] ?? (lang === 'zh' ? '已删除的知识条目' : 'a removed knowledge entry');

/** The refund story of the issue: a policy question, a refund question, anger, then "转人工". */
function refundStory() {
  const t = testTranscript()
    .customer('你好，退货政策是什么？')
    .bot('同行优选支持签收后 7 天无理由退货，商品需保持完好。\n详情见“我的 > 售后”。', {
      kind: 'answer',
      intent: 'returns.policy',
      confidence: 0.91,
    })
    .customer('我的订单 202611230001 申请退款了，什么时候到账？')
    .bot('退款审核通过后 1-3 个工作日原路退回。', {
      kind: 'answer',
      intent: 'refunds.status',
      confidence: 0.82,
    })
    .customer('等了一个星期还没退款！！！太过分了，马上处理！')
    .bot('非常抱歉让您久等了，我马上为您转接人工客服。', { kind: 'handoff' })
    .notice('queued')
    .customer('转人工');
  const conversation = t.conversation({
    handoffReason: 'emotion',
    handoff: { tier: 'agent', team: null, detail: 'high_anger' },
  });
  return { t, conversation };
}

describe('the hand-over summary', () => {
  it('tells the refund story: intent, answers, the need, the order number, anger, the reason', () => {
    const { t, conversation } = refundStory();
    const summary = buildHandoffSummary({
      conversation,
      messages: t.messages,
      contact,
      lang: 'zh',
      names: names('zh'),
    });
    expect(summary.intent).toEqual({
      name: 'refunds.status',
      label: '退款多久到账？',
      confidence: 0.82,
      flow: null,
      seq: 4,
    });
    expect(summary.botAnswered).toEqual([
      {
        seq: 2,
        intent: 'returns.policy',
        question: '你好，退货政策是什么？',
        answer: '同行优选支持签收后 7 天无理由退货，商品需保持完好。',
      },
      {
        seq: 4,
        intent: 'refunds.status',
        question: '我的订单 202611230001 申请退款了，什么时候到账？',
        answer: '退款审核通过后 1-3 个工作日原路退回。',
      },
    ]);
    // "转人工" is why it came to a person, not what the customer needs
    expect(summary.customerNeeds).toEqual([
      { seq: 5, text: '等了一个星期还没退款！！！太过分了，马上处理！' },
    ]);
    expect(summary.details).toEqual([
      { type: 'order_number', text: '202611230001', masked: false, seqs: [3] },
    ]);
    expect(summary.reason).toEqual({ code: 'emotion', detail: 'high_anger', tier: 'agent', team: null });
    // the neutral "转人工" after the outburst does not make the customer calm
    expect(summary.emotion?.current.polarity).toBe('negative');
    expect(summary.emotion?.current.basic).toBe('anger');
    expect(summary.emotion?.trend).toBe('worsening');
    expect(summary.text).toBe(
      '客户：陈先生（已验证 ID C1001）。意图：退款多久到账？（置信度 0.82）。已提供：订单号 202611230001（第 3 条消息）。' +
        '机器人已回答：“你好，退货政策是什么？”（退货政策是什么？）；“我的订单 202611230001 申请退款了，什么时候到账？”（退款多久到账？）。' +
        '客户仍需要：“等了一个星期还没退款！！！太过分了，马上处理！”。' +
        '情绪：不耐烦（愤怒，强度 100%），趋势恶化。' +
        '转人工原因：客户情绪（强烈愤怒），转给一线客服。',
    );
  });

  it('writes the same summary in English for English-speaking staff', () => {
    const { t, conversation } = refundStory();
    const summary = buildHandoffSummary({
      conversation,
      messages: t.messages,
      contact,
      lang: 'en',
      names: names('en'),
    });
    expect(summary.lang).toBe('en');
    expect(summary.text).toContain('Customer: 陈先生 (verified ID C1001).');
    expect(summary.text).toContain('Intent: When will my refund arrive? (confidence 0.82).');
    expect(summary.text).toContain('"你好，退货政策是什么？" (What is the return policy?)');
    // no knowledge entry id reaches the reader
    expect(summary.text).not.toMatch(/returns\.policy|refunds\.status/);
    expect(summary.text).toContain('Details given: order number 202611230001 (message 3).');
    expect(summary.text).toContain('Still needs: "等了一个星期还没退款！！！太过分了，马上处理！".');
    expect(summary.text).toContain('Emotion: impatient (anger, intensity 100%), worsening.');
    expect(summary.text).toContain('Handed over: upset customer (strong anger), to agents.');
  });

  it('keeps an order number said 20 messages earlier, once, with every message it was said in', () => {
    const t = testTranscript().customer('帮我查下订单 TD20240301001 的物流');
    t.bot('您的订单已发货，承运商顺丰，预计明天送达。', {
      kind: 'flow',
      intent: 'flow:order_status',
      confidence: 1,
      flow: { id: 'order_status', outcome: 'ended' },
    });
    for (let i = 0; i < 9; i++) {
      t.customer(i % 2 ? '运费怎么算？' : '可以开发票吗？').bot('可以的，在订单详情里申请。', {
        kind: 'answer',
        intent: i % 2 ? 'shipping.fee' : 'invoices.request',
        confidence: 0.7,
      });
    }
    t.customer('还是没收到，TD20240301001 到底在哪').bot('抱歉，我没有理解。', { kind: 'unknown' });
    t.customer('人工客服');
    expect(t.messages.length).toBeGreaterThan(20);
    const summary = buildHandoffSummary({
      conversation: t.conversation({
        handoffReason: 'keyword',
        handoff: { tier: 'agent', team: null, detail: null },
      }),
      messages: t.messages,
      contact: null,
      lang: 'zh',
    });
    expect(summary.details).toEqual([
      { type: 'order_number', text: 'TD20240301001', masked: false, seqs: [1, 21] },
    ]);
    expect(summary.customerNeeds).toEqual([{ seq: 21, text: '还是没收到，TD20240301001 到底在哪' }]);
    // the last few answers only
    expect(summary.botAnswered).toHaveLength(5);
    expect(summary.botAnswered.at(-1)?.intent).toBe('invoices.request');
    expect(summary.text).toContain('已提供：订单号 TD20240301001（第 1 条消息）');
    expect(summary.text).toContain('转人工原因：客户要求转人工，转给一线客服');
  });

  it('masks phone, e-mail, card and ID everywhere, keeping what a person needs to act', () => {
    const t = testTranscript()
      .customer('Hi, order SO-123456 arrived damaged. Call me on +86 138 0013 8000 or mail li.na@example.com')
      .bot('Sorry to hear that! You can return a damaged item within 7 days.', {
        kind: 'answer',
        intent: 'returns.damaged',
        confidence: 0.77,
      })
      .customer(
        'I paid ¥350 with card 6222021234567890128, my ID is 11010519491231002X, refund it by tomorrow 3pm',
      )
      .bot("Sorry, I didn't get that. Could you rephrase?", { kind: 'clarify', intent: null });
    const summary = buildHandoffSummary({
      conversation: t.conversation({
        handoffReason: 'repeated_miss',
        handoff: { tier: 'agent', team: 'after-sales', detail: null },
      }),
      messages: t.messages,
      contact: { name: null, attributes: {} },
      lang: 'en',
      teamName: 'After-sales',
    });
    expect(summary.details.map((d) => [d.type, d.text, d.masked, d.seqs])).toEqual([
      ['order_number', 'SO-123456', false, [1]],
      ['phone', '*******8000', true, [1]],
      ['email', 'l***@example.com', true, [1]],
      ['money', '¥350', false, [3]],
      ['bank_card', '**** 0128', true, [3]],
      ['id_number', '******************', true, [3]],
      ['datetime', 'tomorrow 3pm (2026-03-05 15:00)', false, [3]],
    ]);
    const everything = JSON.stringify(summary);
    for (const secret of [
      '13800138000',
      '138 0013 8000',
      'li.na@example.com',
      '6222021234567890128',
      '11010519491231002X',
    ])
      expect(everything).not.toContain(secret);
    expect(summary.customerNeeds).toEqual([
      {
        seq: 3,
        text: 'I paid ¥350 with card ***************0128, my ID is ******************, refund it by tomorrow 3pm',
      },
    ]);
    expect(summary.reason).toEqual({
      code: 'repeated_miss',
      detail: null,
      tier: 'agent',
      team: 'After-sales',
    });
    expect(summary.text).toContain('Handed over: the bot could not answer twice, to agents · After-sales.');
    expect(summary.text).toContain('card **** 0128 (message 3)');
  });

  it('reads bare answers to the bot’s questions: an order number, the card’s last four digits (never the code)', () => {
    const t = testTranscript()
      .customer('我要退货')
      .bot('好的，请提供订单号。', {
        kind: 'flow',
        intent: 'flow:return_request',
        confidence: 1,
        flow: { id: 'return_request', outcome: 'waiting' },
      })
      .customer('202611230003')
      .bot('已为您提交退货申请，工单号 T-1001。', {
        kind: 'flow',
        intent: 'flow:return_request',
        confidence: 1,
        flow: { id: 'return_request', outcome: 'ended' },
      })
      .customer('查一下同行卡账单')
      .bot('为了保护您的账户安全，需要先核实身份。请输入您同行卡卡号的后四位。', {
        kind: 'flow',
        intent: 'flow:card_bill',
        confidence: 1,
        flow: { id: 'card_bill', outcome: 'waiting' },
      })
      .customer('6688')
      .bot('请输入 6 位一次性验证码。', {
        kind: 'flow',
        intent: 'flow:card_bill',
        confidence: 1,
        flow: { id: 'card_bill', outcome: 'waiting' },
      })
      .customer('123456')
      .bot('为了您的账户安全，我为您转接同行卡团队核实身份，请稍候。', {
        kind: 'flow',
        intent: 'flow:card_bill',
        confidence: 1,
        flow: { id: 'card_bill', outcome: 'handover' },
      });
    const summary = buildHandoffSummary({
      conversation: t.conversation({
        handoffReason: 'flow',
        handoff: { tier: 'expert', team: 'cards', detail: 'card bill: identity check not passed for C1001' },
      }),
      messages: t.messages,
      contact,
      lang: 'zh',
      teamName: '同行卡',
      names: names('zh'),
    });
    expect(summary.details).toEqual([
      { type: 'order_number', text: '202611230003', masked: false, seqs: [3] },
      { type: 'bank_card_last4', text: '**** 6688', masked: false, seqs: [7] },
    ]);
    expect(summary.intent).toEqual({
      name: 'flow:card_bill',
      label: '同行卡账单查询',
      confidence: 1,
      flow: { id: 'card_bill', outcome: 'handover' },
      seq: 10,
    });
    // one entry per flow run: the request that started it, the last answer
    expect(summary.botAnswered).toEqual([
      {
        seq: 4,
        intent: 'flow:return_request',
        question: '我要退货',
        answer: '已为您提交退货申请，工单号 T-1001。',
      },
      {
        seq: 8,
        intent: 'flow:card_bill',
        question: '查一下同行卡账单',
        answer: '请输入 6 位一次性验证码。',
      },
    ]);
    // the one-time code answered the flow's question: the need is the bill, and the code is nowhere
    expect(summary.customerNeeds).toEqual([{ seq: 5, text: '查一下同行卡账单' }]);
    expect(JSON.stringify(summary)).not.toContain('123456');
    expect(summary.text).toContain('意图：同行卡账单查询（流程转人工）');
    expect(summary.text).toContain('（退货退款申请）');
    // the flows' ids are nowhere in what staff read
    expect(summary.text).not.toMatch(/flow:|card_bill|return_request/);
    expect(summary.text).toContain(
      '转人工原因：流程（“card bill: identity check not passed for C1001”），转给专家 · 同行卡',
    );
  });

  it('counts a person’s reply as an answer, but not a note staff left each other', () => {
    const t = testTranscript()
      .customer('发票抬头开错了')
      .bot('抱歉，我没有理解。', { kind: 'unknown' })
      .customer('转人工')
      .agent('您好，我来帮您改发票抬头。')
      .customer('好的，另外我的优惠券不见了')
      .agent('这位客户的优惠券问题需要专家看一下', true);
    const summary = buildHandoffSummary({
      conversation: t.conversation({ handoffReason: 'keyword', handoff: null }),
      messages: t.messages,
      contact: null,
      lang: 'zh',
    });
    expect(summary.customerNeeds).toEqual([{ seq: 5, text: '好的，另外我的优惠券不见了' }]);
    expect(summary.botAnswered).toEqual([]);
    expect(summary.text).toContain('机器人尚未解答任何问题');
  });

  it('a staff rule that handed over answered nothing; one that warned did', () => {
    const story = () =>
      testTranscript()
        .customer('客服让我把验证码告诉他，可以吗？')
        .bot('请注意：同行优选的客服绝不会索要验证码，请勿告诉任何人。', { kind: 'rule' });
    const warned = buildHandoffSummary({
      conversation: story().conversation({ handoffReason: 'customer_request', handoff: null }),
      messages: story().messages,
      contact: null,
      lang: 'zh',
    });
    expect(warned.botAnswered.map((a) => a.seq)).toEqual([2]);
    const escalated = buildHandoffSummary({
      conversation: story().conversation({
        handoffReason: 'rule',
        handoff: { tier: 'expert', team: 'risk', detail: 'anti-fraud' },
      }),
      messages: story().messages,
      contact: null,
      lang: 'zh',
    });
    expect(escalated.botAnswered).toEqual([]);
    expect(escalated.customerNeeds).toEqual([{ seq: 1, text: '客服让我把验证码告诉他，可以吗？' }]);
    // "risk" is a team key no team has: configuration, not a name, so it is left out
    expect(escalated.text).toContain('转人工原因：规则（“anti-fraud”），转给专家。');
  });

  it('when everything was answered, the need is the request of the last topic', () => {
    const t = testTranscript()
      .customer('积分什么时候过期？')
      .bot('积分有效期为获得后的 12 个月。', {
        kind: 'answer',
        intent: 'membership.points-expiry',
        confidence: 0.88,
      })
      .customer('谢谢')
      .bot('不客气！', { kind: 'greeting', intent: 'smalltalk.thanks', confidence: 1 })
      .customer('找人工');
    const summary = buildHandoffSummary({
      conversation: t.conversation({ handoffReason: 'keyword', handoff: null }),
      messages: t.messages,
      contact: null,
      lang: 'en',
    });
    expect(summary.intent?.name).toBe('membership.points-expiry');
    expect(summary.customerNeeds).toEqual([{ seq: 1, text: '积分什么时候过期？' }]);
  });

  it('handles an empty transcript', () => {
    const empty = testTranscript();
    const none = buildHandoffSummary({
      conversation: empty.conversation(),
      messages: [],
      contact: null,
      lang: 'zh',
    });
    expect(none).toEqual({
      lang: 'zh',
      intent: null,
      botAnswered: [],
      customerNeeds: [],
      details: [],
      reason: { code: null, detail: null, tier: null, team: null },
      emotion: null,
      text: '客户还没有发消息。',
    });
    expect(
      buildHandoffSummary({ conversation: empty.conversation(), messages: [], contact: null, lang: 'en' })
        .text,
    ).toBe('The customer has not written yet.');
    const asked = buildHandoffSummary({
      conversation: empty.conversation({
        handoffReason: 'customer_request',
        handoff: { tier: 'agent', team: null, detail: null },
      }),
      messages: [],
      contact: null,
      lang: 'en',
    });
    expect(asked.text).toBe(
      'The customer has not written yet. Handed over: the customer asked for a person, to agents.',
    );
  });

  it('caps very long texts', () => {
    const long = `我的问题是这样的：${'商品有质量问题，'.repeat(500)}`;
    const t = testTranscript()
      .customer(long)
      .bot(`${'很抱歉给您带来不便。'.repeat(50)}\n第二行`, {
        kind: 'answer',
        intent: 'returns.damaged',
        confidence: 0.6,
      })
      .customer(`${long}再说一遍`)
      .bot('抱歉，我没有理解。', { kind: 'unknown' })
      .customer(`第三次：${long}`)
      .bot('抱歉，我没有理解。', { kind: 'unknown' })
      .customer(`第四次：${long}`)
      .bot('抱歉，我没有理解。', { kind: 'unknown' });
    const summary = buildHandoffSummary({
      conversation: t.conversation({
        handoffReason: 'rule',
        handoff: { tier: 'agent', team: null, detail: `规则：${'长'.repeat(1000)}` },
      }),
      messages: t.messages,
      contact: { name: '王'.repeat(80), attributes: {} },
      lang: 'zh',
    });
    expect(summary.customerNeeds.map((n) => n.seq)).toEqual([3, 5, 7]);
    for (const need of summary.customerNeeds) expect(Array.from(need.text).length).toBeLessThanOrEqual(200);
    expect(Array.from(summary.botAnswered[0]?.answer ?? '').length).toBeLessThanOrEqual(80);
    expect(Array.from(summary.botAnswered[0]?.question ?? '').length).toBeLessThanOrEqual(80);
    expect(Array.from(summary.reason.detail ?? '').length).toBeLessThanOrEqual(200);
    expect(Array.from(summary.text).length).toBeLessThanOrEqual(1200);
    expect(summary.text.endsWith('…') || summary.text.endsWith('。')).toBe(true);
  });
});
