import { createHash } from 'node:crypto';
import { engineMatcher } from '../bot/engineMatcher.ts';
import { createFaqBotWith } from '../bot/faqBot.ts';
import { detectHandoffRequest } from '../bot/handoff.ts';
import type { FaqMatch } from '../bot/matcher.ts';
import { CLARIFY_TEXT, EMPTY_REPLIES, HANDOFF_TEXT, UNKNOWN_REPLIES } from '../bot/messages.ts';
import {
  type BotDecision,
  type BotState,
  initialBotState,
  type KnowledgeEntry,
  type Lang,
  type QuickReply,
} from '../bot/types.ts';
import {
  detectEmotion,
  type EmotionResult,
  empathyOpening,
  escalationAdvice,
  summarizeTrajectory,
  toEmotionPoint,
} from '../emotion/index.ts';
import { detectLanguage, hasHan } from '../lang/index.ts';
import { type FaqEngine, trainFaqEngine, trainFaqEngineInWorker } from '../retrieval/faqEngine.ts';
import { compileRules, evaluateRules, type RuleDefinition } from '../rules/index.ts';
import { continueFlow, type FlowContext, type FlowTurnResult, startFlow } from './flows/index.ts';
import { wantsHumanFirst } from './humanFirst.ts';
import type { BotSettings } from './settings.ts';
import {
  emotionHandover,
  humanButton,
  type SmallTalk,
  smallTalkFillers,
  smallTalkReplies,
  smallTalkWords,
  texts,
} from './texts.ts';
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
  // an e-mail address, a link or a code ("chen@example.com", "SF1234567890") is not an English sentence
  const prose = text.replace(/\S*[@/]\S*|\S*\d\S*/g, ' ');
  const words = prose.match(/[A-Za-z]{2,}/g) ?? [];
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

/** How two phrasings are compared: case, width, spaces and punctuation do not count. */
const phrasingKey = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/**
 * A phrasing that is both a flow trigger and an FAQ question teaches the matcher nothing (a text labelled
 * with two intents is dropped), so neither gets it and the customer is asked "did you mean" between two
 * identical buttons. The flow keeps it: a task done beats an article about doing it.
 */
function withoutFlowTriggers(knowledge: KnowledgeEntry[], flows: KnowledgeEntry[]): KnowledgeEntry[] {
  const triggers = new Set(
    flows.flatMap((f) => [...(f.questions.zh ?? []), ...(f.questions.en ?? [])]).map(phrasingKey),
  );
  return knowledge.map((entry) => {
    const keep = (list: string[] | undefined) => (list ?? []).filter((q) => !triggers.has(phrasingKey(q)));
    const questions = { zh: keep(entry.questions.zh), en: keep(entry.questions.en) };
    return questions.zh.length + questions.en.length === 0 ? entry : { ...entry, questions };
  });
}

/** First phrasing of an entry in a language (falling back to the other language), as the FAQ bot titles it. */
const titleOf = (entry: KnowledgeEntry, lang: Lang) =>
  entry.questions[lang]?.[0] ?? entry.questions[lang === 'zh' ? 'en' : 'zh']?.[0] ?? entry.id;
const answerOf = (entry: KnowledgeEntry, lang: Lang) =>
  entry.answer[lang] || entry.answer[lang === 'zh' ? 'en' : 'zh'] || '';

const uniqueLabels = (buttons: QuickReply[]) =>
  buttons.filter((b, i) => buttons.findIndex((other) => other.label === b.label) === i);

/**
 * Trained matchers of the last few knowledge bases, by content: training takes about a second, and an
 * engine is rebuilt with the same phrasings whenever a rule, a setting or an answer changes (and once per
 * transcript in tests). Same phrasings and seed → the same model, which is read-only once trained.
 */
const trained = new Map<string, FaqEngine>();
const TRAINED_KEEP = 4;

const trainingKey = (entries: KnowledgeEntry[]) =>
  createHash('sha256')
    .update(JSON.stringify(entries.map((e) => [e.id, e.questions.zh ?? [], e.questions.en ?? []])))
    .digest('hex');

function remember(key: string, engine: FaqEngine): FaqEngine {
  trained.delete(key);
  trained.set(key, engine);
  for (const old of trained.keys()) {
    if (trained.size <= TRAINED_KEEP) break;
    trained.delete(old);
  }
  return engine;
}

function trainCached(entries: KnowledgeEntry[]): FaqEngine {
  const key = trainingKey(entries);
  return remember(key, trained.get(key) ?? trainFaqEngine(entries));
}

/** What the engine's matcher is trained on: knowledge entries and flow triggers. */
const matcherEntries = (brain: WorkspaceBrain) => {
  const flows = flowEntries(brain);
  return [...withoutFlowTriggers(brain.knowledge, flows), ...flows];
};

const SMALL_TALK_ORDER: SmallTalk[] = ['bye', 'thanks', 'hello', 'ack'];
const smallTalkEntries = [
  ...SMALL_TALK_ORDER.flatMap((kind, i) => smallTalkWords[kind].map((word) => ({ word, bit: 1 << i }))),
  ...smallTalkFillers.map((word) => ({ word, bit: 0 })),
];

/** "谢谢" / "ok thanks" / "hi there" / "bye": a whole message of social words, or null. */
export function detectSmallTalk(text: string): SmallTalk | null {
  const input = phrasingKey(text);
  if (input.length === 0 || input.length > 24) return null;
  // reach[i]: the kinds of word used to read input[0..i) (a bit per kind), undefined when it cannot be read
  const reach: Array<number | undefined> = [0];
  for (let i = 0; i < input.length; i++) {
    const here = reach[i];
    if (here === undefined) continue;
    for (const { word, bit } of smallTalkEntries) {
      if (input.startsWith(word, i)) reach[i + word.length] = (reach[i + word.length] ?? 0) | here | bit;
    }
  }
  const kinds = reach[input.length];
  if (!kinds) return null;
  return SMALL_TALK_ORDER.find((_, i) => kinds & (1 << i)) ?? null;
}

/** Which acknowledgement goes with handing an upset customer over: apologise to anger, reassure fear. */
const handoverTone = (emotion: EmotionResult): 'anger' | 'fear' | 'other' =>
  emotion.basic === 'anger' || emotion.basic === 'disgust'
    ? 'anger'
    : emotion.basic === 'fear'
      ? 'fear'
      : 'other';

interface FaqReply {
  decision: BotDecision;
  state: BotState;
}

/**
 * The FAQ bot as the engine uses it. The bot picks its reply language from the text alone ("<img src=x>"
 * reads as English); here every reply is in the language the engine chose for the turn, and the
 * workspace's fallback policy (misses before a person, clarification on or off) is applied.
 */
function createEngineFaq(brain: WorkspaceBrain) {
  const flows = flowEntries(brain);
  const entries = [...brain.knowledge, ...flows];
  const matcher = engineMatcher(trainCached(matcherEntries(brain)));
  let lastMatch: FaqMatch | null = null;
  const bot = createFaqBotWith(entries, {
    match(text) {
      lastMatch = matcher.match(text);
      return lastMatch;
    },
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  const buttons = (ids: string[], lang: Lang): QuickReply[] =>
    uniqueLabels(
      ids.flatMap((id) => {
        const entry = byId.get(id);
        return entry ? [{ label: titleOf(entry, lang), payload: titleOf(entry, lang) }] : [];
      }),
    ).slice(0, 3);

  /** the same decision, worded in `lang` */
  const localize = (d: BotDecision, next: BotState, match: FaqMatch | null, lang: Lang): BotDecision => {
    switch (d.kind) {
      case 'answer': {
        const entry = byId.get(d.entryId);
        return entry ? { ...d, lang, text: answerOf(entry, lang), buttons: buttons(entry.related, lang) } : d;
      }
      case 'clarify':
        return {
          ...d,
          lang,
          text: CLARIFY_TEXT[lang],
          buttons: buttons(match?.candidates.map((c) => c.entryId) ?? [], lang),
        };
      case 'unknown': {
        const list = (match?.empty ? EMPTY_REPLIES : UNKNOWN_REPLIES)[lang];
        return {
          ...d,
          lang,
          text: list[(next.lastUnknownReply ?? 0) % list.length] ?? d.text,
          // the only button the bot puts under "don't know" is one to a person
          buttons: d.buttons.length > 0 ? [humanButton(lang)] : [],
        };
      }
      case 'handoff':
        return { ...d, lang, text: HANDOFF_TEXT[d.reason][lang] };
    }
  };

  /** a miss the bot itself would not count: an unsure guess when the workspace turned clarification off */
  const miss = (state: BotState, lang: Lang, misses: number, policy: BotSettings['fallback']): FaqReply => {
    if (misses + 1 >= policy.maxMisses) {
      return {
        decision: { kind: 'handoff', lang, text: HANDOFF_TEXT.repeated_miss[lang], reason: 'repeated_miss' },
        state: { ...state, lang, misses: 0 },
      };
    }
    const list = UNKNOWN_REPLIES[lang];
    const index = ((state.lastUnknownReply ?? -1) + 1) % list.length;
    return {
      // like the bot's own "don't know": no button, the widget keeps one to a person on screen
      decision: { kind: 'unknown', lang, text: list[index] ?? list[0] ?? '', buttons: [] },
      state: { ...state, lang, misses: misses + 1, lastUnknownReply: index },
    };
  };

  return {
    reply(state: BotState, text: string, lang: Lang, policy: BotSettings['fallback']): FaqReply {
      const misses = state.misses;
      // the bot hands over on a miss once it has missed before: tell it so exactly when this miss is the last allowed
      const bridged = misses + 1 >= policy.maxMisses ? 1 : 0;
      lastMatch = null;
      const r = bot.reply({ ...state, lang, misses: bridged }, text);
      const match = lastMatch as FaqMatch | null;
      if (r.decision.kind === 'clarify' && !policy.clarify) return miss(state, lang, misses, policy);
      const decision = r.decision.lang === lang ? r.decision : localize(r.decision, r.state, match, lang);
      const counted =
        decision.kind === 'unknown'
          ? match?.empty
            ? misses
            : misses + 1
          : decision.kind === 'clarify'
            ? misses
            : 0;
      const next = { ...r.state, lang, misses: counted };
      if (decision.kind === 'clarify' || decision.kind === 'answer') {
        return { decision: { ...decision, buttons: uniqueLabels(decision.buttons) }, state: next };
      }
      return { decision, state: next };
    },
  };
}

/**
 * Builds the engine with its matcher trained in a worker thread, so a server keeps answering other
 * conversations while a workspace's bot is (re)trained.
 */
export async function buildConversationEngine(
  brain: WorkspaceBrain,
  ports: EnginePorts,
): Promise<ConversationEngine> {
  const entries = matcherEntries(brain);
  const key = trainingKey(entries);
  if (!trained.has(key)) remember(key, await trainFaqEngineInWorker(entries));
  return createConversationEngine(brain, ports);
}

/**
 * The conversation engine: staff rules, emotion (empathy, escalation), human-first, multi-turn flows, FAQ
 * answers with clarification and fallback — in that order of precedence — over one workspace's brain.
 */
export function createConversationEngine(brain: WorkspaceBrain, ports: EnginePorts): ConversationEngine {
  const faqBot = createEngineFaq(brain);
  const flows = new Map(brain.flows.map((f) => [f.id, f]));
  let rules = compileRules(brain.rules);
  const { settings } = brain;

  // a side question in a flow: only a confident FAQ answer (never another flow), in the flow's language
  const faqAnswer = (text: string, lang: Lang) => {
    const { decision } = faqBot.reply({ ...initialBotState, lang }, text, lang, settings.fallback);
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

    // what the message is about, before anything acts on it (rules may condition on the intent)
    const faq = faqBot.reply(state.bot, input.text, lang, settings.fallback);
    const intent =
      faq.decision.kind === 'answer'
        ? { name: faq.decision.entryId, confidence: faq.decision.confidence }
        : null;
    const ruled = evaluateRules(rules, {
      text: input.text,
      lang,
      intent,
      emotion: { basic: emotion.basic, state: emotion.emotion, intensity: emotion.intensity },
      attributes: input.attributes,
    });
    const advice = settings.emotion.escalate ? escalationAdvice(emotion, trajectory) : null;
    const emotionPriority = advice?.escalate ? PRIORITY[advice.priority] : 0;
    tags.push(...ruled.tags);

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
      const greeting = settings.greeting?.[lang] ?? texts.hello[lang];
      // an upset customer hears an apology with it; a rule that hands over says so itself ("a person will
      // help you with this payment question")
      const upset =
        advice?.escalate && settings.emotion.empathy ? emotionHandover[handoverTone(emotion)][lang] : null;
      const next =
        ruled.handover && ruled.answer ? ruled.answer : (upset ?? texts.humanFirstConnecting[lang]);
      const replies: TurnReply[] = [{ text: `${greeting}${lang === 'zh' ? '' : ' '}${next}`, buttons: [] }];
      if (ruled.answer && !ruled.handover) replies.push({ text: ruled.answer, buttons: [] });
      const routed = ruled.handover;
      return out('greeting', replies, {
        handover: handover({
          reason: 'human_first',
          tier: routed?.tier ?? 'agent',
          ...(routed?.team ? { team: routed.team } : {}),
          ...(routed ? { detail: routed.reason || ruled.matched.map((m) => m.name).join(', ') } : {}),
          priority: routed ? (routed.priority ?? PRIORITY.high) : 0,
        }),
      });
    }

    // 2. staff rules: anti-fraud answers, escalations, tags, blocks — live, no retraining
    if (ruled.block) return out('blocked', [{ text: ruled.block, buttons: [] }]);
    if (ruled.handover) {
      const detail = ruled.matched.map((m) => m.name).join(', ');
      const h = handover({
        reason: 'rule',
        tier: ruled.handover.tier,
        detail: ruled.handover.reason,
        ...(ruled.handover.team ? { team: ruled.handover.team } : {}),
        priority: ruled.handover.priority ?? PRIORITY.high,
      });
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
    priority = emotionPriority;
    if (advice?.escalate && advice.priority === 'urgent' && settings.emotion.handOverWhenUrgent) {
      state = { ...state, flow: null };
      // one sentence that acknowledges the feeling and says a person is coming (a general opening would
      // first promise that the bot is on it)
      const text = emotionHandover[settings.emotion.empathy ? handoverTone(emotion) : 'plain'][lang];
      return out('handoff', [{ text, buttons: [] }], {
        handover: handover({
          reason: 'emotion',
          tier: 'agent',
          detail: advice.reason ?? 'emotion',
          priority,
        }),
      });
    }
    const opening = settings.emotion.empathy
      ? empathyOpening(emotion, lang, { used: state.empathyUsed })
      : null;
    if (opening) state = { ...state, empathyUsed: [...state.empathyUsed, opening].slice(-6) };
    const withEmpathy = (replies: TurnReply[]): TurnReply[] => {
      if (!opening || replies.length === 0) return replies;
      const [first, ...rest] = replies as [TurnReply, ...TurnReply[]];
      return [{ ...first, text: `${opening}${lang === 'zh' ? '' : ' '}${first.text}` }, ...rest];
    };
    const offer = (replies: TurnReply[]): TurnReply[] =>
      advice?.escalate
        ? [...replies, { text: texts.offerHuman[lang], buttons: [humanButton(lang)] }]
        : replies;

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
    // thanks, hello, ok, bye: answered politely, never counted as a miss (a confident FAQ answer still wins)
    const social = d.kind === 'answer' ? null : detectSmallTalk(input.text);
    if (social) {
      const text =
        social === 'hello'
          ? `${settings.greeting?.[lang] ?? texts.hello[lang]}${lang === 'zh' ? '' : ' '}${smallTalkReplies.howCanIHelp[lang]}`
          : smallTalkReplies[social][lang];
      return out('greeting', withEmpathy([{ text, buttons: [] }]), { intent: `smalltalk.${social}` });
    }
    state = { ...state, bot: faq.state as BotState };
    switch (d.kind) {
      case 'answer':
        return out('answer', withEmpathy(offer([{ text: d.text, buttons: d.buttons }])), {
          intent: d.entryId,
          confidence: d.confidence,
        });
      case 'clarify':
        return out('clarify', withEmpathy(offer([{ text: d.text, buttons: d.buttons }])), {
          confidence: d.confidence,
        });
      case 'unknown':
        return out('unknown', withEmpathy([{ text: d.text, buttons: d.buttons }]));
      case 'handoff':
        return out('handoff', withEmpathy([{ text: d.text, buttons: [] }]), {
          handover: handover({
            reason: d.reason === 'customer_request' ? 'keyword' : d.reason,
            tier: 'agent',
          }),
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
