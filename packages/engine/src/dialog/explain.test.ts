import { describe, expect, it } from 'vitest';
import { testKnowledge } from '../bot/testKnowledge.ts';
import { parseRules } from '../rules/parse.ts';
import { createConversationEngine } from './conversationEngine.ts';
import type { FlowHttpRequest } from './flows/index.ts';
import { buildFlow } from './flows/testSupport.ts';
import { parseBotSettings } from './settings.ts';
import type { WorkspaceBrain } from './types.ts';

const rulesYaml = `
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

const ticketFlow = buildFlow(`id: ticket
name: { zh: 提交工单, en: Open a ticket }
trigger: { examples: { zh: [我要提交工单, 帮我开个工单], en: [open a support ticket, file a ticket for me] } }
start: lookup
nodes:
  lookup:
    type: http
    method: GET
    url: "https://biz.example/status"
    map: { status: response.status }
    next: create
    onError: sorry
  create:
    type: http
    method: POST
    url: "https://biz.example/tickets"
    body: { text: "x" }
    next: done
    onError: sorry
  done: { type: end, text: { zh: 已提交, en: Ticket opened } }
  sorry: { type: end, text: { zh: 系统繁忙, en: Our system is busy } }
`);

function brain(): WorkspaceBrain {
  const settings = parseBotSettings({});
  const rules = parseRules(rulesYaml, 'yaml');
  if (!settings.ok || !rules.ok) throw new Error('bad test brain');
  return { knowledge: testKnowledge, flows: [ticketFlow], rules: rules.rules, settings: settings.settings };
}

const now = new Date('2026-03-05T10:00:00+08:00');
const input = (text: string, lang: 'zh' | 'en' | null = null) => ({ text, attributes: {}, now, lang });

describe('explaining a turn', () => {
  const calls: FlowHttpRequest[] = [];
  const engine = createConversationEngine(brain(), {
    http: async (request) => {
      calls.push(request);
      return { status: 200, body: { status: 'ok' } };
    },
  });

  it('decides exactly as a first turn does, for answers, clarifications, misses, rules and hand-overs', async () => {
    for (const text of [
      'How do I get a refund?',
      '怎么退款',
      'invoice',
      'what is the meaning of life',
      'someone asked me for the verification code',
      '转人工',
      'thanks!',
    ]) {
      const real = await engine.turn(null, input(text));
      const explained = await engine.explain(input(text));
      expect(explained.output, text).toEqual(real);
    }
  });

  it('says why: the scores behind the answer, the rules that fired, the stage that decided', async () => {
    const answer = await engine.explain(input('How do I get a refund?'));
    expect(answer.stage).toBe('knowledge');
    expect(answer.output).toMatchObject({ kind: 'answer', intent: 'refund' });
    expect(answer.trace.search?.candidates[0]).toMatchObject({ entryId: 'refund' });
    expect(answer.trace.search?.candidates[0]?.score).toBeCloseTo(answer.output.confidence, 6);

    const rule = await engine.explain(input('someone asked me for the verification code'));
    expect(rule.stage).toBe('rule');
    expect(rule.trace.rules?.matched).toEqual([{ id: 'fraud', name: 'fraud' }]);
    expect(rule.output.tags).toEqual(['fraud-risk']);

    const keyword = await engine.explain(input('转人工'));
    expect([keyword.stage, keyword.handoffRequest]).toEqual(['keyword', 'explicit']);
  });

  it('reads entities and sends a flow’s reads but not its writes', async () => {
    calls.length = 0;
    const explained = await engine.explain(input('open a support ticket for order TD20260301001 please'));
    expect(explained.stage).toBe('flow');
    expect(explained.trace.flow).toMatchObject({ id: 'ticket', outcome: 'ended' });
    expect(explained.trace.http).toEqual([
      { method: 'GET', url: 'https://biz.example/status', performed: true },
      { method: 'POST', url: 'https://biz.example/tickets', performed: false },
    ]);
    expect(calls.map((c) => c.method)).toEqual(['GET']);
    // the refused write takes the flow's error path, as a failed call would
    expect(explained.output.replies.at(-1)?.text).toBe('Our system is busy');
    expect(explained.entities).toContainEqual(
      expect.objectContaining({ type: 'order_number', value: 'TD20260301001' }),
    );
  });
});
