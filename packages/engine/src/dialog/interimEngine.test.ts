import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import type { KnowledgeEntry } from '../bot/types.ts';
import { createConversationEngine } from './conversationEngine.ts';
import { buildInterimEngine, createInterimEngine } from './interimEngine.ts';
import { defaultBotSettings } from './settings.ts';
import type { WorkspaceBrain } from './types.ts';

const ports = {
  http: async () => {
    throw new Error('no business system here');
  },
};
const brain: WorkspaceBrain = {
  knowledge: testKnowledge,
  flows: [],
  rules: [],
  settings: defaultBotSettings,
};
const giftWrap: KnowledgeEntry = {
  id: 'gift-wrap',
  category: 'orders',
  questions: {
    zh: ['可以礼品包装吗', '能帮我包成礼物吗'],
    en: ['do you offer gift wrapping', 'can you wrap it as a present'],
  },
  answer: {
    zh: '可以，下单时勾选「礼品包装」即可，每单 5 元。',
    en: 'Yes: tick "gift wrap" at checkout, ¥5 per order.',
  },
  related: [],
};
const ask = async (engine: ReturnType<typeof createConversationEngine>, text: string) =>
  (await engine.turn(null, { text, attributes: {}, now: new Date() })).intent;

describe('interim engine: a change answers before its training', () => {
  const trained = createConversationEngine(brain, ports);

  it('answers a new entry by its own phrasings in both languages, and the others as before', async () => {
    const interim = createInterimEngine(
      { ...brain, knowledge: [...testKnowledge, giftWrap] },
      ports,
      trained,
    );
    expect(interim).not.toBeNull();
    if (!interim) return;
    expect(await ask(interim, '可以礼品包装吗')).toBe('gift-wrap');
    expect(await ask(interim, 'do you offer gift wrapping?')).toBe('gift-wrap');
    expect(await ask(interim, '忘记密码怎么办')).toBe('password');
    // built on the interim's own trained matcher: a later change is served from it too
    const edited = { ...giftWrap, questions: { ...giftWrap.questions, zh: ['礼品包装多少钱'] } };
    const again = createInterimEngine({ ...brain, knowledge: [...testKnowledge, edited] }, ports, interim);
    expect(again && (await ask(again, '礼品包装多少钱'))).toBe('gift-wrap');
  });

  it('no longer answers from a deleted entry', async () => {
    const knowledge = testKnowledge.filter((entry) => entry.id !== 'password');
    const interim = createInterimEngine({ ...brain, knowledge }, ports, trained);
    expect(interim && (await ask(interim, '忘记密码怎么办'))).not.toBe('password');
  });

  it('waits for the training when the vocabulary changed (every phrasing reads differently)', () => {
    const settings = { ...defaultBotSettings, vocabulary: { words: ['同行卡'], synonyms: [] } };
    expect(createInterimEngine({ ...brain, settings }, ports, trained)).toBeNull();
  });

  it('is built in steps that let the event loop run between them, and answers as the one made at once', async () => {
    const changed = { ...brain, knowledge: [...testKnowledge, giftWrap] };
    // what else the server has to do meanwhile: each check re-queues itself until the build is done
    let done = false;
    let turnsBetween = 0;
    const other = () => {
      if (done) return;
      turnsBetween += 1;
      setImmediate(other);
    };
    setImmediate(other);
    const interim = await buildInterimEngine(changed, ports, trained);
    done = true;
    // the build yielded at least once between its steps, so other work ran before it finished
    expect(turnsBetween).toBeGreaterThanOrEqual(2);
    expect(interim).not.toBeNull();
    if (!interim) return;
    expect(await ask(interim, '可以礼品包装吗')).toBe('gift-wrap');
    expect(await ask(interim, '忘记密码怎么办')).toBe('password');
    const settings = { ...defaultBotSettings, vocabulary: { words: ['同行卡'], synonyms: [] } };
    expect(await buildInterimEngine({ ...brain, settings }, ports, trained)).toBeNull();
  });
});
