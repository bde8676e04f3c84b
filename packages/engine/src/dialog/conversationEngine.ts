import { detectHandoffRequest } from '../bot/handoff.ts';
import { type BotState, initialBotState, type Lang } from '../bot/types.ts';
import {
  detectEmotion,
  type EmotionResult,
  type EmpathyMode,
  empathyOpening,
  escalationAdvice,
  summarizeTrajectory,
  toEmotionPoint,
} from '../emotion/index.ts';
import type { HeldOutPredictions } from '../nlu/model.ts';
import type { FaqEngine } from '../retrieval/faqEngine.ts';
import {
  type CompiledRules,
  compileRules,
  evaluateRules,
  type PreparedRules,
  prepareRules,
  type RuleDefinition,
} from '../rules/index.ts';
import { type AssistResult, createAssist } from './assist.ts';
import { offerPerson, withOpening } from './empathy.ts';
import { createEngineFaq } from './engineFaq.ts';
import {
  dryRunHttp,
  emptyTrace,
  explainExtras,
  stageOf,
  type TurnExplanation,
  type TurnTrace,
} from './explain.ts';
import {
  continueFlow,
  type FlowContext,
  type FlowDefinition,
  type FlowTurnResult,
  readFlowAnswer,
  resumeFlow,
  startFlow,
} from './flows/index.ts';
import {
  type HandoverDraft,
  humanFirstGreeting,
  PRIORITY,
  ruleHandover,
  urgentHandoverText,
} from './handover.ts';
import { wantsHumanFirst } from './humanFirst.ts';
import { chooseLanguage } from './language.ts';
import { FLOW_PREFIX, matcherEntries, matcherTraining } from './matcherEntries.ts';
import { phrasingKey } from './phrasing.ts';
import { withoutPlaceholders } from './references.ts';
import { socialTurn } from './socialTurn.ts';
import { onlyAsksAnythingElse, resumeAnswer, taskMove, taskTexts } from './tasks.ts';
import { humanButton, texts } from './texts.ts';
import { rememberTrained, trainCached, trainInWorkerOnce } from './trainedMatchers.ts';
import type {
  ConversationBotState,
  EnginePorts,
  Handover,
  TurnInput,
  TurnOutput,
  TurnReply,
  WorkspaceBrain,
} from './types.ts';

const EMOTION_MEMORY = 20;

/** What the bot says while the customer waits for a person (null: nothing; the person answers). */
export interface WatchOutput {
  kind: 'rule' | 'answer' | 'handoff' | 'blocked';
  replies: TurnReply[];
  intent: string | null;
  confidence: number;
  tags: string[];
  priority: number;
  emotion: EmotionResult;
  state: ConversationBotState;
}

export interface ConversationEngine {
  /** one customer message in, the bot's replies and decisions out */
  turn(state: ConversationBotState | null, input: TurnInput): Promise<TurnOutput>;
  /**
   * The bot keeps watch while the customer waits for a person: live staff rules still fire (an anti-fraud
   * warning, a block), a repeated request for a person is acknowledged, and a question the knowledge base
   * answers confidently is answered (marked as the bot's; a person still joins). Flows do not start and
   * nothing is handed over again. The emotion is read, so the queue priority can follow it.
   */
  watch(state: ConversationBotState | null, input: TurnInput): Promise<WatchOutput | null>;
  /**
   * Agent assist: the knowledge entries that best answer a customer's message (up to `limit`, 3 by default),
   * ranked by the bot's own matcher, worded in the language the bot would answer in; none when nothing matches.
   */
  suggest(text: string, options?: { lang?: Lang | null; limit?: number }): AssistResult;
  /**
   * What a provider's embeddings are compared with: every phrasing the matcher learnt, under its entry id
   * (knowledge entries and `flow:` triggers), and the classifier's held-out predictions, which weigh the
   * embeddings against it (`SemanticIndex.build`).
   */
  semanticTraining(): { phrasings: Array<{ key: string; text: string }>; heldOut?: HeldOutPredictions };
  /** swaps the staff rules in place: effective for the next message, no retraining */
  setRules(rules: RuleDefinition[]): void;
  /**
   * What `turn` would do with this message in a new conversation, and why: the very same turn (same code,
   * same trained matcher, same rules), run with nothing remembered, observed as it decides. Nothing is kept;
   * a flow's business-system reads (GET) are sent, other calls are not (see `dryRunHttp`).
   */
  explain(input: TurnInput): Promise<TurnExplanation>;
}

export const initialConversationState = (): ConversationBotState => ({
  bot: { ...initialBotState },
  flow: null,
  emotions: [],
  empathyUsed: [],
  greeted: false,
  asked: null,
  suspended: null,
});

/**
 * Builds the engine with its matcher trained in a worker thread, so a server keeps answering other
 * conversations while a workspace's bot is (re)trained.
 */
export async function buildConversationEngine(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  options: { signal?: AbortSignal } = {},
): Promise<ConversationEngine> {
  await trainInWorkerOnce(matcherTraining(brain), options);
  return createConversationEngine(brain, ports);
}

/**
 * The conversation engine: staff rules, emotion (empathy, escalation), human-first, multi-turn flows, FAQ
 * answers with clarification and fallback — in that order of precedence — over one workspace's brain.
 */
export function createConversationEngine(
  brain: WorkspaceBrain,
  ports: EnginePorts,
  options: { matcher?: FaqEngine } = {},
): ConversationEngine {
  const training = matcherTraining(brain);
  // trained here (or taken from the cache) unless given: an interim engine brings its own
  const matcher = options.matcher ?? trainCached(training);
  const faqBot = createEngineFaq(brain, matcher);
  const assist = createAssist(brain, matcher);
  const flows = new Map(brain.flows.map((f) => [f.id, f]));
  let rules = compileRules(brain.rules);
  const { settings } = brain;
  // the workspace's own phrasings: a message that is one of them is a question, even when it reads as small talk
  const listed = new Set(
    matcherEntries(brain).flatMap((e) =>
      [...(e.questions.zh ?? []), ...(e.questions.en ?? [])].map(phrasingKey),
    ),
  );

  // a side question in a flow: only a confident FAQ answer (never another flow), in the flow's language
  const faqAnswer = (text: string, lang: Lang) => {
    const { decision } = faqBot.reply({ ...initialBotState, lang }, text, lang, settings.fallback);
    if (decision.kind !== 'answer' || decision.entryId.startsWith(FLOW_PREFIX)) return null;
    return { text: decision.text, buttons: decision.buttons };
  };

  async function turn(
    previous: ConversationBotState | null,
    input: TurnInput,
    trace?: TurnTrace,
  ): Promise<TurnOutput> {
    const s = previous ?? initialConversationState();
    // the rules' regular expressions run in their own thread while the FAQ is matched here
    const compiledRules = rules;
    const preparing = startPreparing(compiledRules, input.text);
    // placeholders ("[ORDERID_1]", "[链接x]") are in no language: the words around them are
    const lang = chooseLanguage(withoutPlaceholders(input.text), input.lang ?? s.bot.lang ?? null);
    const emotion = input.emotion ?? detectEmotion(input.text, { lang });
    const emotions = [...s.emotions, toEmotionPoint(emotion)].slice(-EMOTION_MEMORY);
    const trajectory = summarizeTrajectory(emotions);
    const firstTurn = !s.greeted;
    let state: ConversationBotState = { ...s, emotions, greeted: true, bot: { ...s.bot, lang } };
    let priority = 0;
    const tags: string[] = [];
    // what this turn's reply asks the customer (see `Asked`), remembered for the next turn
    let asked: ConversationBotState['asked'] = null;

    const out = (
      kind: TurnOutput['kind'],
      replies: TurnReply[],
      extra: Partial<Pick<TurnOutput, 'handover' | 'intent' | 'confidence' | 'flow'>> = {},
    ): TurnOutput => {
      // a person takes over: the task left waiting is theirs now, not the bot's to offer
      if (extra.handover) state = { ...state, suspended: null };
      return {
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
        state: { ...state, asked },
      };
    };
    const handover = (h: HandoverDraft): Handover => ({
      ...h,
      priority: Math.max(priority, h.priority ?? 0),
    });

    // what the message is about, before anything acts on it (rules may condition on the intent); placeholders
    // and links ("[订单x]到哪了") say nothing the matcher can use
    const faq = faqBot.reply(
      state.bot,
      withoutPlaceholders(input.text),
      lang,
      settings.fallback,
      input.semantic ?? null,
    );
    const intent =
      faq.decision.kind === 'answer'
        ? { name: faq.decision.entryId, confidence: faq.decision.confidence }
        : null;
    const ruled = evaluateRules(
      compiledRules,
      {
        text: input.text,
        lang,
        intent,
        emotion: { basic: emotion.basic, state: emotion.emotion, intensity: emotion.intensity },
        attributes: input.attributes,
      },
      await preparing,
    );
    const advice = settings.emotion.escalate ? escalationAdvice(emotion, trajectory) : null;
    const emotionPriority = advice?.escalate ? PRIORITY[advice.priority] : 0;
    tags.push(...ruled.tags);
    if (trace) Object.assign(trace, { search: faq.search, rules: ruled, escalation: advice });

    // 1. human-first customers meet a person; the bot only greets. The staff rules still count: a fraud
    // warning is shown (elderly customers are the ones scammers call), and a rule's routing (team, tier,
    // priority) and tags go with the handover.
    if (firstTurn && wantsHumanFirst(settings, input.attributes)) {
      if (ruled.block) {
        // spam or abuse is not passed on; the next real message still meets a person first
        state = { ...state, greeted: false };
        return out('blocked', [{ text: ruled.block, buttons: [] }]);
      }
      priority = emotionPriority;
      const greeting = humanFirstGreeting(settings, lang, emotion, advice, ruled);
      return out('greeting', greeting.replies, { handover: handover(greeting.handover) });
    }

    // 2. staff rules: anti-fraud answers, escalations, tags, blocks — live, no retraining
    if (ruled.block) return out('blocked', [{ text: ruled.block, buttons: [] }]);
    if (ruled.handover) {
      const routed = ruleHandover(ruled.handover, ruled, lang);
      return out('rule', [{ text: routed.text, buttons: [] }], { handover: handover(routed.handover) });
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
    priority = emotionPriority;
    if (advice?.escalate && advice.priority === 'urgent' && settings.emotion.handOverWhenUrgent) {
      state = { ...state, flow: null };
      return out('handoff', [{ text: urgentHandoverText(settings, emotion, lang), buttons: [] }], {
        handover: handover({
          reason: 'emotion',
          tier: 'agent',
          detail: advice.reason ?? 'emotion',
          priority,
        }),
      });
    }
    // an opening that promises help ("I'm checking on it now") only in front of help; before "did you
    // mean", "I don't know" or a hand-over the bot only acknowledges the feeling
    const withEmpathy = (replies: TurnReply[], mode: EmpathyMode = 'act') => {
      const opening = settings.emotion.empathy
        ? empathyOpening(emotion, lang, { used: state.empathyUsed, mode })
        : null;
      if (opening) state = { ...state, empathyUsed: [...state.empathyUsed, opening].slice(-6) };
      return withOpening(opening, lang, replies);
    };
    const offer = (replies: TurnReply[]) => {
      if (advice?.escalate) asked = { what: 'person', priority };
      return offerPerson(advice, lang, replies);
    };

    // 5. a flow in progress continues (digressions, corrections and cancelling are the flow's business)
    const ctx: FlowContext = {
      lang,
      attributes: input.attributes,
      now: input.now,
      http: trace ? dryRunHttp(ports.http, trace) : ports.http,
      faq: faqAnswer,
      ...(ports.baseUrl ? { baseUrl: ports.baseUrl } : {}),
    };
    const flowResult = async (
      flowId: string,
      result: FlowTurnResult,
      lead: TurnReply[] = [],
    ): Promise<TurnOutput> => {
      state = { ...state, flow: result.state, bot: { ...state.bot, misses: 0 } };
      // a task done (or dropped) while another waited: offer to go back to it, as a person would
      const left = state.suspended ? flows.get(state.suspended.flowId) : undefined;
      if (result.state === null && state.suspended) {
        if (left && (result.outcome === 'ended' || result.outcome === 'cancelled')) {
          result = {
            ...result,
            replies: [
              ...result.replies.filter((reply) => !onlyAsksAnythingElse(reply)),
              { text: taskTexts.offer(lang, left.name[lang]), buttons: taskTexts.offerButtons(lang) },
            ],
          };
          asked = { what: 'resume', priority: 0 };
        } else state = { ...state, suspended: null };
      }
      result = { ...result, replies: [...lead, ...result.replies] };
      if (trace) {
        const node = result.state ? (result.state.awaiting?.node ?? result.state.node) : null;
        trace.flow = { id: flowId, outcome: result.outcome, node };
      }
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
    // the flow a message asks for, when the matcher is sure of it
    const requested = (decision: typeof faq.decision): FlowDefinition | null =>
      decision.kind === 'answer' && decision.entryId.startsWith(FLOW_PREFIX)
        ? (flows.get(decision.entryId.slice(FLOW_PREFIX.length)) ?? null)
        : null;
    const requests = (text: string) =>
      text.length === 0 ? null : requested(faqBot.reply(state.bot, text, lang, settings.fallback).decision);
    const active = state.flow ? flows.get(state.flow.flowId) : undefined;
    if (state.flow && active) {
      // an answer, a new task, or the same task asked for again: told apart as a person would
      const move = taskMove(active, state.flow, input.text, requested(faq.decision), requests, ctx);
      if (move.kind === 'same') {
        const again = await resumeFlow(active, state.flow, ctx, taskTexts.same(lang, active.name[lang]));
        return flowResult(active.id, again);
      }
      if (move.kind === 'another') {
        state = { ...state, suspended: state.flow, flow: null };
        const lead = { text: taskTexts.another(lang, move.flow.name[lang], active.name[lang]), buttons: [] };
        const started = await startFlow(move.flow, ctx, { text: input.text, lang });
        return flowResult(move.flow.id, started, [lead]);
      }
      return flowResult(active.id, await continueFlow(active, state.flow, { text: input.text, lang }, ctx));
    }
    // the answer to "shall we carry on with the task we left?"
    const left = state.suspended ? flows.get(state.suspended.flowId) : undefined;
    if (state.suspended) {
      const suspended = state.suspended;
      state = { ...state, suspended: null };
      if (left && s.asked?.what === 'resume') {
        const answer = resumeAnswer(input.text);
        if (answer === 'yes')
          return flowResult(left.id, await resumeFlow(left, suspended, ctx, taskTexts.resume(lang)));
        if (answer === 'no') {
          asked = { what: 'more', priority: 0 };
          return out('flow', [{ text: taskTexts.left(lang, left.name[lang]), buttons: [] }], {
            intent: `${FLOW_PREFIX}${left.id}`,
            flow: { id: left.id, outcome: 'cancelled', vars: {} },
          });
        }
        // the answer to the question it waited on ("202611230003"): carry on with it
        if (readFlowAnswer(left, suspended, input.text, ctx).kind === 'value' && !requested(faq.decision)) {
          return flowResult(left.id, await continueFlow(left, suspended, { text: input.text, lang }, ctx));
        }
      }
    }

    // 6. a message that is only an order card, a link or a number, one in a language the bot cannot read, or
    // small talk (thanks, hello, ok, bye, "问题解决了") is answered as such and never counted as a miss, unless
    // the workspace lists this very phrasing as a question
    const context = { asked: s.asked?.what ?? null, firstTurn, settings, lang };
    const social = listed.has(phrasingKey(input.text)) ? null : socialTurn(input.text, context);
    if (social?.handover) {
      // yes to the person the bot offered an upset customer, at the priority the offer came with
      state = { ...state, flow: null };
      const detail = 'accepted the offer of a person';
      const offered = s.asked?.priority ?? 0;
      return out('handoff', [{ text: social.text, buttons: [] }], {
        handover: handover({ reason: 'emotion', tier: 'agent', detail, priority: offered }),
      });
    }
    if (social) {
      asked = social.asked ? { what: social.asked, priority: 0 } : null;
      const replies = withEmpathy([{ text: social.text, buttons: social.buttons }], 'acknowledge');
      return out(social.kind, replies, { intent: social.intent });
    }

    // 7. a new task starts a flow; anything else is answered from the knowledge base
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
        asked = { what: 'choice', priority: 0 };
        return out('clarify', withEmpathy(offer([{ text: d.text, buttons: d.buttons }]), 'acknowledge'), {
          confidence: d.confidence,
        });
      case 'unknown':
        // "what would you like to ask?" (a message with nothing to read) waits for the question
        if (faq.empty) asked = { what: 'open', priority: 0 };
        // "…or would you like a person?" to an upset customer: a yes hands over at the offer's priority
        else if (advice?.escalate) asked = { what: 'person', priority };
        return out('unknown', withEmpathy([{ text: d.text, buttons: d.buttons }], 'acknowledge'));
      case 'handoff':
        return out('handoff', withEmpathy([{ text: d.text, buttons: [] }], 'acknowledge'), {
          handover: handover({
            reason: d.reason === 'customer_request' ? 'keyword' : d.reason,
            tier: 'agent',
          }),
        });
    }
  }

  async function watch(previous: ConversationBotState | null, input: TurnInput): Promise<WatchOutput | null> {
    const s = previous ?? initialConversationState();
    const compiledRules = rules;
    const preparing = startPreparing(compiledRules, input.text);
    const lang = chooseLanguage(input.text, input.lang ?? s.bot.lang ?? null);
    const emotion = input.emotion ?? detectEmotion(input.text, { lang });
    const emotions = [...s.emotions, toEmotionPoint(emotion)].slice(-EMOTION_MEMORY);
    const state: ConversationBotState = { ...s, emotions, bot: { ...s.bot, lang } };
    const advice = settings.emotion.escalate
      ? escalationAdvice(emotion, summarizeTrajectory(emotions))
      : null;
    const faq = faqBot.reply(
      state.bot,
      withoutPlaceholders(input.text),
      lang,
      settings.fallback,
      input.semantic ?? null,
    );
    const d = faq.decision;
    const ruled = evaluateRules(
      compiledRules,
      {
        text: input.text,
        lang,
        intent: d.kind === 'answer' ? { name: d.entryId, confidence: d.confidence } : null,
        emotion: { basic: emotion.basic, state: emotion.emotion, intensity: emotion.intensity },
        attributes: input.attributes,
      },
      await preparing,
    );
    const ruledPriority = ruled.handover?.priority ?? 0;
    const base = {
      tags: ruled.tags,
      priority: Math.max(advice?.escalate ? PRIORITY[advice.priority] : 0, ruledPriority),
      emotion,
      state,
    };
    if (ruled.block)
      return {
        ...base,
        kind: 'blocked',
        replies: [{ text: ruled.block, buttons: [] }],
        intent: null,
        confidence: 0,
      };
    // a rule's own words (an anti-fraud warning); its hand-over is moot: a person is coming
    const ruleText = ruled.answer ?? (ruled.handover ? ruleHandover(ruled.handover, ruled, lang).text : null);
    if (ruleText)
      return {
        ...base,
        kind: 'rule',
        replies: [{ text: ruleText, buttons: [] }],
        intent: null,
        confidence: 0,
      };
    if (detectHandoffRequest(input.text) === 'explicit') {
      return {
        ...base,
        kind: 'handoff',
        replies: [{ text: texts.stillWaiting[lang], buttons: [] }],
        intent: null,
        confidence: 0,
      };
    }
    if (d.kind === 'answer' && !d.entryId.startsWith(FLOW_PREFIX)) {
      return {
        ...base,
        kind: 'answer',
        // one message: the answer, then that a person still joins (the inbox preview shows the answer)
        replies: [{ text: `${d.text}\n\n${texts.answeredWhileWaiting[lang]}`, buttons: [] }],
        intent: d.entryId,
        confidence: d.confidence,
      };
    }
    return null;
  }

  async function explain(input: TurnInput): Promise<TurnExplanation> {
    const trace = emptyTrace();
    const output = await turn(null, input, trace);
    return { output, stage: stageOf(output, trace), trace, ...explainExtras(input.text, input.now) };
  }

  const engine: ConversationEngine = {
    turn: (previous, input) => turn(previous, input),
    watch,
    suggest: assist.suggest,
    explain,
    semanticTraining() {
      const phrasings = matcherEntries(brain).flatMap((e) =>
        [...(e.questions.zh ?? []), ...(e.questions.en ?? [])].map((text) => ({ key: e.id, text })),
      );
      const { heldOut } = matcher.model.snapshot;
      return heldOut ? { phrasings, heldOut } : { phrasings };
    },
    setRules(next) {
      rules = compileRules(next);
    },
  };
  if (!options.matcher) rememberTrained(engine, matcher, training);
  return engine;
}

export type { EmotionResult };

/**
 * Starts testing a message's regular expressions (in their own thread); a failure surfaces where the result
 * is awaited, never as an unhandled rejection when a turn ends before it needs them.
 */
function startPreparing(compiled: CompiledRules, text: string): Promise<PreparedRules> {
  const preparing = prepareRules(compiled, text);
  preparing.catch(() => undefined);
  return preparing;
}
