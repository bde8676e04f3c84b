import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import { createConversationEngine } from './conversationEngine.ts';
import { parseBotSettings } from './settings.ts';
import type { WorkspaceBrain } from './types.ts';

const ports = {
  http: async () => {
    throw new Error('no business system in this test');
  },
};

function engineWith(settingsSource: unknown) {
  const parsed = parseBotSettings(settingsSource);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const brain: WorkspaceBrain = { knowledge: testKnowledge, flows: [], rules: [], settings: parsed.settings };
  return createConversationEngine(brain, ports);
}

const ask = async (settings: unknown, text: string) =>
  (await engineWith(settings)).turn(null, { text, attributes: {}, now: new Date(), lang: 'en' });

describe('workspace vocabulary', () => {
  it('teaches the bot a word staff declare a synonym of a known one', async () => {
    // "reimbursement" is in no phrasing or answer; declared the same as "refund", it is understood
    const without = await ask({}, 'reimbursement');
    expect(without.intent).not.toBe('refund');
    const withSynonym = await ask(
      { vocabulary: { synonyms: [['refund', 'reimbursement']] } },
      'reimbursement please',
    );
    expect(withSynonym.intent).toBe('refund');
    expect(withSynonym.kind).toBe('answer');
  });

  it('refuses a malformed vocabulary with the path of the problem', () => {
    const bad = parseBotSettings({ vocabulary: { synonyms: [['only-one']], words: [''] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.path).sort()).toEqual(['vocabulary.synonyms.0', 'vocabulary.words.0']);
    expect(parseBotSettings({ vocabulary: { stems: [] } }).ok).toBe(false);
  });

  it('answers questions about other companies with a choice, not as if they were ours', async () => {
    const ours = await ask({}, 'How do I get an invoice for my order?');
    expect(ours.kind).toBe('answer');
    const theirs = await ask({}, 'How do I get an invoice for my Uber ride?');
    expect(theirs.kind).not.toBe('answer');
  });
});
