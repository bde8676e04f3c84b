import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import { createConversationEngine } from './conversationEngine.ts';
import { parseFlow } from './flows/index.ts';
import { parseBotSettings } from './settings.ts';
import type { WorkspaceBrain } from './types.ts';

const ports = {
  http: async () => {
    throw new Error('no business system in this test');
  },
};

const flowYaml = `
id: refund_request
name: { zh: 申请退款, en: Request a refund }
trigger:
  examples:
    zh: [帮我申请退款, 我要申请退款]
    en: [please start a refund for me, I want to request a refund]
start: done
nodes:
  done:
    type: end
    text: { zh: 好的, en: OK }
`;

function brain(): WorkspaceBrain {
  const settings = parseBotSettings({});
  const flow = parseFlow(flowYaml, 'yaml');
  if (!settings.ok || !flow.ok) throw new Error(`bad test brain: ${JSON.stringify(flow)}`);
  return {
    knowledge: testKnowledge,
    flows: [flow.flow],
    rules: [],
    settings: settings.settings,
  };
}

describe('agent assist (suggest)', () => {
  const engine = createConversationEngine(brain(), ports);

  it('ranks knowledge entries with scores, worded in the language the bot would answer in', () => {
    const zh = engine.suggest('退款多久能到账', { lang: 'en' });
    expect(zh.lang).toBe('zh');
    expect(zh.suggestions[0]).toMatchObject({
      entryId: 'refund',
      question: '怎么申请退款',
      answer: testKnowledge[0]?.answer.zh,
    });
    const en = engine.suggest('how long does my refund take', { lang: 'zh' });
    expect(en.lang).toBe('en');
    expect(en.suggestions[0]).toMatchObject({ entryId: 'refund', answer: testKnowledge[0]?.answer.en });
    for (const { suggestions } of [zh, en]) {
      expect(suggestions.length).toBeLessThanOrEqual(3);
      const scores = suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const score of scores) expect(score).toBeGreaterThan(0);
    }
  });

  it('leaves flows out, honours the limit, and offers nothing for what it cannot place', async () => {
    // the bot would start the flow for this one
    const turn = await engine.turn(null, { text: '我要申请退款', attributes: {}, now: new Date() });
    expect(turn.flow?.id).toBe('refund_request');
    const suggestions = engine.suggest('我要申请退款', { limit: 5 }).suggestions;
    expect(suggestions.every((s) => !s.entryId.startsWith('flow:'))).toBe(true);
    expect(engine.suggest('怎么开发票', { limit: 1 }).suggestions.map((s) => s.entryId)).toEqual(['invoice']);
    expect(engine.suggest('').suggestions).toEqual([]);
    expect(engine.suggest('😀😀').suggestions).toEqual([]);
    expect(engine.suggest('zxqv wibble plonk').suggestions).toEqual([]);
  });
});
