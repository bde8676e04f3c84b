import { describe, expect, it } from 'vitest';
import { prototypeWordKnowledge, testKnowledge } from '../bot/testKnowledge.ts';
import { buildConversationEngine, createConversationEngine } from './conversationEngine.ts';
import { wantsHumanFirst } from './humanFirst.ts';
import { chooseLanguage } from './language.ts';
import { parseBotSettings } from './settings.ts';
import { checkTurn } from './transcripts/check.ts';
import type { TurnOutput, WorkspaceBrain } from './types.ts';

const ports = {
  http: async () => {
    throw new Error('no business system in this test');
  },
};

function brainWith(
  knowledge = [...testKnowledge, ...prototypeWordKnowledge],
  settings: unknown = {},
): WorkspaceBrain {
  const parsed = parseBotSettings(settings);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { knowledge, flows: [], rules: [], settings: parsed.settings };
}

const input = (text: string) => ({ text, attributes: {}, now: new Date(), lang: 'en' as const });

describe('the conversation engine and names of Object.prototype members', () => {
  it('is built in a worker from knowledge that uses them, and answers them', async () => {
    const engine = await buildConversationEngine(brainWith(), ports);
    const ctor = await engine.turn(null, input('constructor'));
    expect(ctor).toMatchObject({ kind: 'answer', intent: 'constructor' });
    expect(ctor.replies[0]?.text).toContain('creates an object');
    const proto = await engine.turn(null, input('what is the __proto__ of toString'));
    expect(proto).toMatchObject({ kind: 'answer', intent: 'toString' });
    expect(proto.replies[0]?.text).toContain('prototype');
    const zh = await engine.turn(null, input('constructor 是什么'));
    expect(zh).toMatchObject({ kind: 'answer', intent: 'constructor', lang: 'zh' });
    expect((await engine.turn(null, input('How do I get a refund?'))).intent).toBe('refund');
  });

  it('gives a normal reply to such words when the knowledge does not use them', async () => {
    const engine = createConversationEngine(brainWith(testKnowledge), ports);
    for (const text of [
      'constructor',
      'what is the __proto__ of toString',
      'hasOwnProperty valueOf prototype',
      'constructor 是什么意思',
      '__proto__ 退款',
    ]) {
      const out = await engine.turn(null, input(text));
      expect(out.replies.length).toBeGreaterThan(0);
      expect(out.replies.every((r) => typeof r.text === 'string' && r.text.length > 0)).toBe(true);
    }
    expect((await engine.turn(null, input('constructor: I want a refund'))).intent).toBe('refund');
  });

  it('does not take a human-first attribute the page did not send as present', () => {
    const parsed = parseBotSettings({
      humanFirst: { attributes: { constructor: ['function Object() { [native code] }'], toString: ['x'] } },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(wantsHumanFirst(parsed.settings, {})).toBe(false);
    expect(wantsHumanFirst(parsed.settings, { toString: 'x' })).toBe(true);
  });

  it('answers in a real language whatever the stored one says', () => {
    expect(chooseLanguage('123', 'constructor' as never)).toBe('zh');
    expect(chooseLanguage('123', 'en')).toBe('en');
  });

  it('checks transcript variables on own properties only', () => {
    const out = {
      replies: [],
      flow: { id: 'f', outcome: 'ended', vars: { slots: {} } },
    } as unknown as TurnOutput;
    expect(checkTurn({ vars: { 'constructor.name': 'Object' } }, out)).toEqual([
      { field: 'vars.constructor.name', expected: 'Object', actual: undefined },
    ]);
    expect(checkTurn({ vars: { 'slots.toString': null } }, out)).toHaveLength(1);
  });
});
