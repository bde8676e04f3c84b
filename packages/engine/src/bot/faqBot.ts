import { detectLanguage } from '../lang/detect.ts';
import { detectHandoffRequest } from './handoff.ts';
import type { FaqMatch, FaqMatcher } from './matcher.ts';
import { CLARIFY_TEXT, DECLINE_VARIANTS, declineText, EMPTY_REPLIES, HANDOFF_TEXT } from './messages.ts';
import { knowledgeTopics } from './topics.ts';
import type { Bot, BotDecision, BotState, HandoffReason, KnowledgeEntry, Lang, QuickReply } from './types.ts';

export interface FaqBotOptions {
  /** language when a message has no letters and the conversation's language is not known yet (default zh) */
  defaultLang?: Lang;
  /** how messages are matched to entries (default: the NLU engine trained on the entries' phrasings) */
  matcher?: FaqMatcher;
  /** what the bot says it can help with when it cannot (default: the entries' largest categories) */
  topics?: Record<Lang, string | null>;
}

type Reply = { decision: BotDecision; state: BotState };

/** First phrasing of an entry in a language (falling back to the other language). */
function title(entry: KnowledgeEntry, lang: Lang): string {
  return entry.questions[lang]?.[0] ?? entry.questions[lang === 'zh' ? 'en' : 'zh']?.[0] ?? entry.id;
}

function answerText(entry: KnowledgeEntry, lang: Lang): string {
  return entry.answer[lang] || entry.answer[lang === 'zh' ? 'en' : 'zh'] || '';
}

/**
 * The FAQ bot: answers from the knowledge base, asks when unsure, says honestly when it does not know,
 * and hands over to a person on request or after two misses in a row.
 */
export function createFaqBotWith(
  entries: KnowledgeEntry[],
  matcher: FaqMatcher,
  options: FaqBotOptions = {},
): Bot {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const button = (id: string, lang: Lang): QuickReply | null => {
    const entry = byId.get(id);
    if (!entry) return null;
    const label = title(entry, lang);
    return { label, payload: label };
  };
  const buttons = (ids: string[], lang: Lang): QuickReply[] =>
    ids.flatMap((id) => button(id, lang) ?? []).slice(0, 3);

  const topics = options.topics ?? {
    zh: knowledgeTopics(entries, 'zh'),
    en: knowledgeTopics(entries, 'en'),
  };

  const handoff = (state: BotState, lang: Lang, reason: HandoffReason): Reply => ({
    decision: { kind: 'handoff', lang, text: HANDOFF_TEXT[reason][lang], reason },
    state: { ...state, lang, misses: 0 },
  });

  const unknown = (state: BotState, lang: Lang, match: FaqMatch): Reply => {
    const { empty } = match;
    const count = empty ? EMPTY_REPLIES[lang].length : DECLINE_VARIANTS;
    const index = ((state.lastUnknownReply ?? -1) + 1) % count;
    const text = empty
      ? EMPTY_REPLIES[lang][index]!
      : declineText(lang, index, { topics: topics[lang], elsewhere: match.elsewhere === true });
    return {
      // No button to a person here: the widget keeps one on screen at all times.
      decision: { kind: 'unknown', lang, text, buttons: [] },
      state: { ...state, lang, misses: empty ? state.misses : state.misses + 1, lastUnknownReply: index },
    };
  };

  const answer = (state: BotState, lang: Lang, match: FaqMatch): Reply | null => {
    const best = match.candidates[0];
    const entry = best && byId.get(best.entryId);
    if (!best || !entry) return null;
    return {
      decision: {
        kind: 'answer',
        lang,
        text: answerText(entry, lang),
        entryId: entry.id,
        confidence: best.confidence,
        buttons: buttons(entry.related, lang),
      },
      state: { ...state, lang, misses: 0, lastEntryId: entry.id },
    };
  };

  return {
    reply(state: BotState, text: string): Reply {
      const lang = detectLanguage(text) ?? state.lang ?? options.defaultLang ?? 'zh';
      const request = detectHandoffRequest(text);
      if (request === 'explicit') return handoff(state, lang, 'customer_request');
      const match = matcher.match(text);
      if (request === 'mention' && match.outcome !== 'answer')
        return handoff(state, lang, 'customer_request');
      if (match.outcome === 'answer') {
        const reply = answer(state, lang, match);
        if (reply) return reply;
      }
      if (match.outcome === 'clarify' && match.candidates.length > 0) {
        return {
          decision: {
            kind: 'clarify',
            lang,
            text: CLARIFY_TEXT[lang],
            confidence: match.candidates[0]?.confidence ?? 0,
            buttons: buttons(
              match.candidates.map((c) => c.entryId),
              lang,
            ),
          },
          state: { ...state, lang },
        };
      }
      if (!match.empty && state.misses >= 1) return handoff(state, lang, 'repeated_miss');
      return unknown(state, lang, match);
    },
  };
}
