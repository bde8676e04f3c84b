import { engineMatcher } from '../bot/engineMatcher.ts';
import { createFaqBotWith } from '../bot/faqBot.ts';
import type { FaqMatch } from '../bot/matcher.ts';
import { CLARIFY_TEXT, DECLINE_VARIANTS, declineText, EMPTY_REPLIES, HANDOFF_TEXT } from '../bot/messages.ts';
import { knowledgeTopics } from '../bot/topics.ts';
import type { BotDecision, BotState, KnowledgeEntry, Lang, QuickReply } from '../bot/types.ts';
import type { SemanticQuery } from '../nlu/semanticIndex.ts';
import type { FaqEngine, FaqSearchResult } from '../retrieval/faqEngine.ts';
import { flowEntries, matcherTraining } from './matcherEntries.ts';
import type { BotSettings } from './settings.ts';
import { humanButton } from './texts.ts';
import { trainCached } from './trainedMatchers.ts';
import type { WorkspaceBrain } from './types.ts';

export interface FaqReply {
  decision: BotDecision;
  state: BotState;
  /** the matcher's search behind the decision (null when the message was not searched: asking for a person) */
  search: FaqSearchResult | null;
  /** the message had nothing to match (only emoji, punctuation or spaces) */
  empty: boolean;
}

export type EngineFaq = ReturnType<typeof createEngineFaq>;

/** First phrasing of an entry in a language (falling back to the other language), as the FAQ bot titles it. */
const titleOf = (entry: KnowledgeEntry, lang: Lang) =>
  entry.questions[lang]?.[0] ?? entry.questions[lang === 'zh' ? 'en' : 'zh']?.[0] ?? entry.id;
const answerOf = (entry: KnowledgeEntry, lang: Lang) =>
  entry.answer[lang] || entry.answer[lang === 'zh' ? 'en' : 'zh'] || '';

const uniqueLabels = (buttons: QuickReply[]) =>
  buttons.filter((b, i) => buttons.findIndex((other) => other.label === b.label) === i);

/** a miss the bot itself would not count: an unsure guess when the workspace turned clarification off */
function miss(
  state: BotState,
  lang: Lang,
  misses: number,
  policy: BotSettings['fallback'],
  topics: string | null,
): Omit<FaqReply, 'search' | 'empty'> {
  if (misses + 1 >= policy.maxMisses) {
    return {
      decision: { kind: 'handoff', lang, text: HANDOFF_TEXT.repeated_miss[lang], reason: 'repeated_miss' },
      state: { ...state, lang, misses: 0 },
    };
  }
  const index = ((state.lastUnknownReply ?? -1) + 1) % DECLINE_VARIANTS;
  return {
    decision: {
      kind: 'unknown',
      lang,
      text: declineText(lang, index, { topics }),
      buttons: [humanButton(lang)],
    },
    state: { ...state, lang, misses: misses + 1, lastUnknownReply: index },
  };
}

/**
 * The FAQ bot as the engine uses it. The bot picks its reply language from the text alone ("<img src=x>"
 * reads as English); here every reply is in the language the engine chose for the turn, and the
 * workspace's fallback policy (misses before a person, clarification on or off) is applied.
 */
export function createEngineFaq(
  brain: WorkspaceBrain,
  trained: FaqEngine = trainCached(matcherTraining(brain)),
) {
  const flows = flowEntries(brain);
  const entries = [...brain.knowledge, ...flows];
  // what the bot says it can help with when it cannot: the knowledge base's topics, not its flows
  const topics = { zh: knowledgeTopics(brain.knowledge, 'zh'), en: knowledgeTopics(brain.knowledge, 'en') };
  let lastSearch: FaqSearchResult | null = null;
  const matcher = engineMatcher(trained, (result) => {
    lastSearch = result;
  });
  let lastMatch: FaqMatch | null = null;
  // the message's embedding for the reply being made (set around `bot.reply`)
  let semanticNow: SemanticQuery | null = null;
  const bot = createFaqBotWith(
    entries,
    {
      match(text) {
        lastMatch = matcher.match(text, semanticNow);
        return lastMatch;
      },
    },
    { topics },
  );
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
        const index = next.lastUnknownReply ?? 0;
        if (match?.empty) {
          const list = EMPTY_REPLIES[lang];
          return { ...d, lang, text: list[index % list.length] ?? d.text, buttons: [] };
        }
        const elsewhere = match?.elsewhere === true;
        return {
          ...d,
          lang,
          text: declineText(lang, index, { topics: topics[lang], elsewhere }),
          buttons: [],
        };
      }
      case 'handoff':
        return { ...d, lang, text: HANDOFF_TEXT[d.reason][lang] };
    }
  };

  return {
    /** `semantic`: the message's embedding (when the workspace's provider gives embeddings) */
    reply(
      state: BotState,
      text: string,
      lang: Lang,
      policy: BotSettings['fallback'],
      semantic: SemanticQuery | null = null,
    ): FaqReply {
      const misses = state.misses;
      // the bot hands over on a miss once it has missed before: tell it so exactly when this miss is the last allowed
      const bridged = misses + 1 >= policy.maxMisses ? 1 : 0;
      lastMatch = null;
      lastSearch = null;
      semanticNow = semantic;
      let r: ReturnType<typeof bot.reply>;
      try {
        r = bot.reply({ ...state, lang, misses: bridged }, text);
      } finally {
        semanticNow = null;
      }
      const match = lastMatch as FaqMatch | null;
      const search = lastSearch as FaqSearchResult | null;
      const empty = match?.empty === true;
      if (r.decision.kind === 'clarify' && !policy.clarify)
        return { ...miss(state, lang, misses, policy, topics[lang]), search, empty };
      const localized = r.decision.lang === lang ? r.decision : localize(r.decision, r.state, match, lang);
      // "can't help" keeps the way to a person under it; "what would you like to ask?" needs none
      const decision =
        localized.kind === 'unknown' && !empty ? { ...localized, buttons: [humanButton(lang)] } : localized;
      const counted =
        decision.kind === 'unknown'
          ? empty
            ? misses
            : misses + 1
          : decision.kind === 'clarify'
            ? misses
            : 0;
      const next = { ...r.state, lang, misses: counted };
      if (decision.kind === 'clarify' || decision.kind === 'answer') {
        return {
          decision: { ...decision, buttons: uniqueLabels(decision.buttons) },
          state: next,
          search,
          empty,
        };
      }
      return { decision, state: next, search, empty };
    },
  };
}
