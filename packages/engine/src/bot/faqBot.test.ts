import { describe, expect, it } from 'vitest';
import { createFaqBot } from './createFaqBot.ts';
import { detectHandoffRequest } from './handoff.ts';
import { testKnowledge } from './testKnowledge.ts';
import { type BotState, initialBotState } from './types.ts';

const bot = createFaqBot(testKnowledge);

function ask(text: string, state: BotState = initialBotState) {
  return bot.reply(state, text);
}

describe('createFaqBot', () => {
  it('answers a Chinese paraphrase in Chinese with related buttons', () => {
    const { decision, state } = ask('请问怎么申请退款呀');
    expect(decision.kind).toBe('answer');
    if (decision.kind !== 'answer') return;
    expect(decision.entryId).toBe('refund');
    expect(decision.lang).toBe('zh');
    expect(decision.text).toContain('申请退款');
    expect(decision.buttons.map((b) => b.label)).toEqual(['我的订单到哪了', '退货运费谁承担']);
    expect(decision.buttons[0]?.payload).toBe('我的订单到哪了');
    expect(state).toMatchObject({ lang: 'zh', misses: 0, lastEntryId: 'refund' });
  });

  it('answers an English paraphrase in English', () => {
    const { decision } = ask('i forgot the password for my account');
    expect(decision).toMatchObject({ kind: 'answer', lang: 'en', entryId: 'password' });
    if (decision.kind === 'answer') expect(decision.text).toContain('Forgot password');
  });

  it('folds Traditional Chinese and full-width text', () => {
    expect(ask('忘記密碼怎麼辦').decision).toMatchObject({ kind: 'answer', entryId: 'password' });
    expect(ask('ＷＨＥＲＥ ＩＳ ＭＹ ＯＲＤＥＲ').decision).toMatchObject({
      kind: 'answer',
      entryId: 'order-status',
    });
  });

  it('answers mixed zh/en text in Chinese', () => {
    const { decision } = ask('我的order到哪了');
    expect(decision.lang).toBe('zh');
  });

  it('hands over on explicit requests in both languages', () => {
    for (const text of [
      '转人工',
      '人工客服',
      '我要找客服',
      '真人',
      '人工',
      'human',
      'agent please',
      'I want to talk to a person',
      'can I speak with a real person?',
      'get me a representative',
    ]) {
      const { decision } = ask(text);
      expect(decision, text).toMatchObject({ kind: 'handoff', reason: 'customer_request' });
    }
    const zh = ask('转人工').decision;
    expect(zh.lang).toBe('zh');
    expect(ask('talk to a human').decision.lang).toBe('en');
  });

  it('answers questions that only mention a handoff word when an FAQ fits', () => {
    expect(ask('how do I contact human resources').decision).toMatchObject({
      kind: 'answer',
      entryId: 'jobs',
    });
    expect(ask('客服工作时间是几点').decision).toMatchObject({ kind: 'answer', entryId: 'hours' });
    expect(ask('你们是人工智能吗').decision.kind).not.toBe('handoff');
  });

  it('asks which one when unsure between entries', () => {
    const { decision, state } = ask('shipping fee');
    expect(decision.kind).toBe('clarify');
    if (decision.kind !== 'clarify') return;
    expect(decision.text).toBe('Did you mean one of these?');
    expect(decision.buttons.length).toBeGreaterThanOrEqual(2);
    expect(decision.buttons.length).toBeLessThanOrEqual(3);
    expect(decision.buttons.map((b) => b.payload)).toEqual(
      expect.arrayContaining(['How much is delivery?', 'Who pays for return shipping?']),
    );
    expect(state.misses).toBe(0);
    // Tapping a button sends its payload: that is answered.
    expect(bot.reply(state, decision.buttons[0]!.payload).decision.kind).toBe('answer');
  });

  it('says it does not know, varies the wording, and hands over on the second miss', () => {
    const first = ask('what is the capital of mongolia');
    expect(first.decision.kind).toBe('unknown');
    expect(first.state.misses).toBe(1);
    const second = bot.reply(first.state, 'tell me a joke about penguins');
    expect(second.decision).toMatchObject({ kind: 'handoff', reason: 'repeated_miss', lang: 'en' });
    expect(second.state.misses).toBe(0);
    const third = bot.reply(second.state, 'what is the capital of mongolia');
    expect(third.decision.kind).toBe('unknown');
    expect(third.decision.text).not.toBe(first.decision.text);
  });

  it('resets misses after a successful answer', () => {
    const miss = ask('今天天气怎么样');
    expect(miss.decision.kind).toBe('unknown');
    expect(miss.decision.lang).toBe('zh');
    const hit = bot.reply(miss.state, '怎么开发票');
    expect(hit.decision.kind).toBe('answer');
    expect(hit.state.misses).toBe(0);
    expect(bot.reply(hit.state, '今天天气怎么样').decision.kind).toBe('unknown');
  });

  it('does not count emoji-only or empty messages as misses', () => {
    const first = ask('👍');
    expect(first.decision.kind).toBe('unknown');
    expect(first.state.misses).toBe(0);
    const second = bot.reply({ ...first.state, lang: 'en' }, '   ');
    expect(second.decision).toMatchObject({ kind: 'unknown', lang: 'en' });
    expect(second.decision.text).not.toBe(first.decision.text);
  });

  it('keeps state plain JSON', () => {
    const { state } = bot.reply(ask('xyz qwerty').state, '怎么开发票');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('knows nothing, and says so, with an empty knowledge base', () => {
    const empty = createFaqBot([]);
    const first = empty.reply(initialBotState, 'how do I get a refund');
    expect(first.decision.kind).toBe('unknown');
    expect(empty.reply(first.state, 'hello?').decision).toMatchObject({
      kind: 'handoff',
      reason: 'repeated_miss',
    });
  });

  it('handles a 10k-character message without failing', () => {
    const { decision } = ask('退款'.repeat(5000));
    expect(['answer', 'clarify', 'unknown']).toContain(decision.kind);
  });
});

describe('detectHandoffRequest', () => {
  it('reads a bare "where is the person" as a request for one, however punctuated or repeated', () => {
    for (const text of ['人呢?', '客服呢', '人呢 人呢', '客服在吗？？', '人工', '转人工吧']) {
      expect(detectHandoffRequest(text), text).toBe('explicit');
    }
  });

  it('reads "anyone there?" as a question to the bot in both languages, not a request for a person', () => {
    for (const text of ['有人吗？？', '有人在吗', 'anyone there?', 'is anybody there']) {
      expect(detectHandoffRequest(text), text).toBeNull();
    }
  });

  // with catastrophic backtracking these would never return (the test times out): 30 repetitions took 39 s
  it('answers at once on a long crafted repetition', () => {
    expect(detectHandoffRequest(`${'人工客服'.repeat(1000)}？x`)).toBe('explicit');
    expect(detectHandoffRequest(`${'客服人呢'.repeat(1000)}x`)).toBe('mention');
  });

  it('does not read a question about something else as one', () => {
    expect(detectHandoffRequest('我的快递人呢')).toBeNull();
    expect(detectHandoffRequest('在吗')).toBeNull();
    expect(detectHandoffRequest('客服电话是多少')).toBe('mention');
  });
});
