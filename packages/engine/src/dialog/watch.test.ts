import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import { parseRules } from '../rules/parse.ts';
import { createConversationEngine } from './conversationEngine.ts';
import { parseBotSettings } from './settings.ts';
import type { WorkspaceBrain } from './types.ts';

const ports = {
  http: async () => {
    throw new Error('no business system in this test');
  },
};

const rulesYaml = `
version: 1
rules:
  - id: fraud
    name: fraud
    enabled: true
    priority: 100
    when:
      any:
        - keywords: [verification code]
    then:
      - answer:
          zh: 请勿透露验证码
          en: Never share your verification code
      - tag: fraud-risk
`;

function brain(): WorkspaceBrain {
  const settings = parseBotSettings({});
  const rules = parseRules(rulesYaml, 'yaml');
  if (!settings.ok || !rules.ok) throw new Error('bad test brain');
  return { knowledge: testKnowledge, flows: [], rules: rules.rules, settings: settings.settings };
}

const input = (text: string) => ({ text, attributes: {}, now: new Date(), lang: 'en' as const });

describe('the bot keeping watch while the customer waits for a person', () => {
  const engine = createConversationEngine(brain(), ports);

  it('lets live rules fire, with their tags', async () => {
    const out = await engine.watch(null, input('someone asked me for the verification code'));
    expect(out).toMatchObject({ kind: 'rule', tags: ['fraud-risk'] });
    expect(out?.replies[0]?.text).toBe('Never share your verification code');
  });

  it('acknowledges a repeated request for a person without handing over again', async () => {
    const out = await engine.watch(null, input('talk to a human'));
    expect(out?.kind).toBe('handoff');
    expect(out?.replies[0]?.text).toContain("You're in the queue");
  });

  it('answers a confident FAQ question in one message saying a person still joins', async () => {
    const out = await engine.watch(null, input('How do I get a refund?'));
    expect(out).toMatchObject({ kind: 'answer', intent: 'refund' });
    expect(out?.replies).toHaveLength(1);
    expect(out?.replies[0]?.text).toContain('a person will still join you');
  });

  it('stays silent on what it does not know (the person answers)', async () => {
    expect(await engine.watch(null, input('qwzx plorb'))).toBeNull();
  });
});
