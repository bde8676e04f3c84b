import { createFaqBot } from '../bot/createFaqBot.ts';
import { detectHandoffRequest } from '../bot/handoff.ts';
import { type BotState, initialBotState, type KnowledgeEntry, type Lang } from '../bot/types.ts';
import {
  detectEmotion,
  type EmotionResult,
  empathyOpening,
  escalationAdvice,
  summarizeTrajectory,
  toEmotionPoint,
} from '../emotion/index.ts';
import { detectLanguage, hasHan } from '../lang/index.ts';
import { compileRules, evaluateRules, type RuleDefinition } from '../rules/index.ts';
import { continueFlow, type FlowContext, type FlowTurnResult, startFlow } from './flows/index.ts';
import { wantsHumanFirst } from './humanFirst.ts';
import { humanButton, texts } from './texts.ts';
import type {
  ConversationBotState,
  EnginePorts,
  Handover,
  TurnInput,
  TurnOutput,
  TurnReply,
  WorkspaceBrain,
} from './types.ts';

const FLOW_PREFIX = 'flow:';
const PRIORITY = { normal: 0, high: 50, urgent: 100 } as const;
const EMOTION_MEMORY = 20;

export interface ConversationEngine {
  /** one customer message in, the bot's replies and decisions out */
  turn(state: ConversationBotState | null, input: TurnInput): Promise<TurnOutput>;
  /** swaps the staff rules in place: effective for the next message, no retraining */
  setRules(rules: RuleDefinition[]): void;
}

/**
 * The language to answer in: Chinese text gets Chinese; a real English sentence gets English; anything
 * without a clear language (a number, an emoji, markup, one Latin word) keeps the customer's language.
 */
export function chooseLanguage(text: string, known: Lang | null): Lang {
  if (hasHan(text)) return 'zh';
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  if (words.length >= 2 && !/[<>]/.test(text)) return 'en';
  return known ?? detectLanguage(text) ?? 'zh';
}

export const initialConversationState = (): ConversationBotState => ({
  bot: { ...initialBotState },
  flow: null,
  emotions: [],
  empathyUsed: [],
  greeted: false,
});

/** Flows are found by the same matcher as FAQ entries: each flow is an entry whose questions are its triggers. */
function flowEntries(brain: WorkspaceBrain): KnowledgeEntry[] {
  return brain.flows.map((flow) => ({
    id: `${FLOW_PREFIX}${flow.id}`,
    category: 'flow',
    questions: flow.trigger.examples,
    answer: { zh: flow.name.zh, en: flow.name.en },
    related: [],
  }));
}

/**
 * The conversation engine: staff rules, emotion (empathy, escalation), human-first, multi-turn flows, FAQ
 * answers with clarification and fallback — in that order of precedence — over one workspace's brain.
 */
export function createConversationEngine(brain: WorkspaceBrain, ports: EnginePorts): ConversationEngine {
  const faqBot = createFaqBot([...brain.knowledge, ...flowEntries(brain)]);
  const flows = new Map(brain.flows.map((f) => [f.id, f]));
  let rules = compileRules(brain.rules);
  const { settings } = brain;

  const faqAnswer = (text: string, lang: Lang) => {
    const { decision } = faqBot.reply({ ...initialBotState, lang }, text);
    if (decision.kind !== 'answer' || decision.entryId.startsWith(FLOW_PREFIX)) return null;
    return { text: decision.text, buttons: decision.buttons };
  };

  async function turn(previous: ConversationBotState | null, input: TurnInput): Promise<TurnOutput> {
    const s = previous ?? initialConversationState();
    const lang = chooseLanguage(input.text, input.lang ?? s.bot.lang ?? null);
    const emotion = detectEmotion(input.text, { lang });
    const emotions = [...s.emotions, toEmotionPoint(emotion)].slice(-EMOTION_MEMORY);
    const trajectory = summarizeTrajectory(emotions);
    const firstTurn = !s.greeted;
    let state: ConversationBotState = { ...s, emotions, greeted: true, bot: { ...s.bot, lang } };
    let priority = 0;
    const tags: string[] = [];

    const out = (
      kind: TurnOutput['kind'],
      replies: TurnReply[],
      extra: Partial<Pick<TurnOutput, 'handover' | 'intent' | 'confidence' | 'flow'>> = {},
    ): TurnOutput => ({
      lang,
      replies,
      kind,
      emotion,
      priority: Math.max(priority, extra.handover?.priority ?? 0),
      tags,
      handover: extra.handover ?? null,
      intent: extra.intent ?? null,
      confidence: extra.confidence ?? 0,
      flow: extra.flow ?? null,
      state,
    });
    const handover = (h: Omit<Handover, 'priority'> & { priority?: number }): Handover => ({
      ...h,
      priority: Math.max(priority, h.priority ?? 0),
    });

    // 1. human-first customers meet a person; the bot only greets
    if (firstTurn && wantsHumanFirst(settings, input.attributes)) {
      const greeting = settings.greeting?.[lang];
      const replies = [{ text: greeting ? `${greeting}\n${texts.humanFirstGreeting[lang]}` : texts.humanFirstGreeting[lang], buttons: [] }];
      return out('greeting', replies, { handover: handover({ reason: 'human_first', tier: 'agent' }) });
    }

    // what the message is about, before anything acts on it (rules may condition on the intent)
    const faq = faqBot.reply(state.bot, input.text);
    const intent = faq.decision.kind === 'answer' ? { name: faq.decision.entryId, confidence: faq.decision.confidence } : null;

    // 2. staff rules: anti-fraud answers, escalations, tags, blocks — live, no retraining
    const ruled = evaluateRules(rules, {
      text: input.text,
      lang,
      intent,
      emotion: { basic: emotion.basic, state: emotion.emotion, intensity: emotion.intensity },
      attributes: input.attributes,
    });
    tags.push(...ruled.tags);
    if (ruled.block) return out('blocked', [{ text: ruled.block, buttons: [] }]);
    if (ruled.handover) {
      const detail = ruled.matched.map((m) => m.name).join(', ');
      const h = handover({ reason: 'rule', tier: ruled.handover.tier, detail: ruled.handover.reason, ...(ruled.handover.team ? { team: ruled.handover.team } : {}), priority: ruled.handover.priority ?? PRIORITY.high });
      const text = ruled.answer ?? texts.handoverRule[lang];
      return out('rule', [{ text, buttons: [] }], { handover: { ...h, detail: h.detail || detail } });
    }
    if (ruled.answer) return out('rule', [{ text: ruled.answer, buttons: [humanButton(lang)] }]);

    // 3. the customer asks for a person
    if (detectHandoffRequest(input.text) === 'explicit') {
      state = { ...state, flow: null };
      return out('handoff', [{ text: texts.handoverKeyword[lang], buttons: [] }], {
        handover: handover({ reason: 'keyword', tier: 'agent' }),
      });
    }

    // 4. emotion: empathy, priority, and a person at once when it is urgent
    const advice = settings.emotion.escalate ? escalationAdvice(emotion, trajectory) : null;
    if (advice?.escalate) priority = PRIORITY[advice.priority];
    const opening = settings.emotion.empathy
      ? empathyOpening(emotion, lang, { used: state.empathyUsed })
      : null;
    if (opening) state = { ...state, empathyUsed: [...state.empathyUsed, opening].slice(-6) };
    const withEmpathy = (replies: TurnReply[]): TurnReply[] => {
      if (!opening || replies.length === 0) return replies;
      const [first, ...rest] = replies as [TurnReply, ...TurnReply[]];
      return [{ ...first, text: `${opening}${lang === 'zh' ? '' : ' '}${first.text}` }, ...rest];
    };
    if (advice?.escalate && advice.priority === 'urgent' && settings.emotion.handOverWhenUrgent) {
      state = { ...state, flow: null };
      return out('handoff', withEmpathy([{ text: texts.handoverEmotion[lang], buttons: [] }]), {
        handover: handover({ reason: 'emotion', tier: 'agent', detail: advice.reason ?? 'emotion', priority }),
      });
    }
    const offer = (replies: TurnReply[]): TurnReply[] =>
      advice?.escalate ? [...replies, { text: texts.offerHuman[lang], buttons: [humanButton(lang)] }] : replies;

    // 5. a flow in progress continues (digressions, corrections and cancelling are the flow's business)
    const ctx: FlowContext = {
      lang,
      attributes: input.attributes,
      now: input.now,
      http: ports.http,
      faq: faqAnswer,
      ...(ports.baseUrl ? { baseUrl: ports.baseUrl } : {}),
    };
    const flowResult = async (flowId: string, result: FlowTurnResult): Promise<TurnOutput> => {
      state = { ...state, flow: result.state, bot: { ...state.bot, misses: 0 } };
      const replies = withEmpathy(offer(result.replies));
      const flow = { id: flowId, outcome: result.outcome, vars: result.vars };
      if (result.outcome === 'handover' && result.handover) {
        return out('flow', replies, {
          flow,
          intent: `${FLOW_PREFIX}${flowId}`,
          handover: handover({
            reason: 'flow',
            tier: result.handover.tier,
            detail: result.handover.reason,
            ...(result.handover.team ? { team: result.handover.team } : {}),
          }),
        });
      }
      return out('flow', replies, { flow, intent: `${FLOW_PREFIX}${flowId}`, confidence: 1 });
    };
    const active = state.flow ? flows.get(state.flow.flowId) : undefined;
    if (state.flow && active) {
      return flowResult(active.id, await continueFlow(active, state.flow, { text: input.text, lang }, ctx));
    }

    // 6. a new task starts a flow; anything else is answered from the knowledge base
    const d = faq.decision;
    if (d.kind === 'answer' && d.entryId.startsWith(FLOW_PREFIX)) {
      const flow = flows.get(d.entryId.slice(FLOW_PREFIX.length));
      if (flow) return flowResult(flow.id, await startFlow(flow, ctx, { text: input.text, lang }));
    }
    state = { ...state, bot: faq.state as BotState };
    switch (d.kind) {
      case 'answer':
        return out('answer', withEmpathy(offer([{ text: d.text, buttons: d.buttons }])), {
          intent: d.entryId,
          confidence: d.confidence,
        });
      case 'clarify':
        return out('clarify', withEmpathy(offer([{ text: d.text, buttons: d.buttons }])), { confidence: d.confidence });
      case 'unknown':
        return out('unknown', withEmpathy([{ text: d.text, buttons: d.buttons }]));
      case 'handoff':
        return out('handoff', withEmpathy([{ text: d.text, buttons: [] }]), {
          handover: handover({ reason: d.reason === 'customer_request' ? 'keyword' : d.reason, tier: 'agent' }),
        });
    }
  }

  return {
    turn,
    setRules(next) {
      rules = compileRules(next);
    },
  };
}

export type { EmotionResult };
