import type { AnswerSource } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { type ActiveProvider, activeProvider, complete } from '../llm/gateway.ts';
import { type AnswerCheck, checkAnswer, looksLikeInjection } from '../llm/guard.ts';
import { groundedAnswerPrompt, INSTRUCTION_PHRASES, NO_ANSWER } from '../llm/prompts.ts';
import { type RetrievedPassage, retrievePassages } from './retrieve.ts';

/** An answer from the documents: the text, its sources, and how it was made. */
export interface DocumentAnswer {
  text: string;
  sources: AnswerSource[];
  via: 'passage' | 'model';
  /** why the model's answer was not used, when it was not (for the call log and tests) */
  fallback: string | null;
}

/** A passage answers a question alone when it covers this share of the question's weight (words, n-grams). */
export const PASSAGE_MIN_COVERAGE = 0.5;
/** ...or when its embedding is this close to the question's. */
export const PASSAGE_MIN_SIMILARITY = 0.8;
/** Passages given to the model. */
const GROUNDING_PASSAGES = 4;
/** The longest passage quoted as an answer without a model. */
const QUOTE_CHARS = 400;

/** Where the last whole sentence of a text ends (0: none yet). */
export function sentenceEnd(text: string): number {
  let end = 0;
  for (const match of text.matchAll(/[。！？；!?;\n]|\.(?=\s)/g)) end = (match.index ?? 0) + match[0].length;
  return end;
}

const sourceOf = (p: RetrievedPassage): AnswerSource => ({ title: p.title, heading: p.heading, url: p.url });

const relevant = (p: RetrievedPassage) =>
  p.coverage >= PASSAGE_MIN_COVERAGE || (p.similarity ?? 0) >= PASSAGE_MIN_SIMILARITY;

/** The passage itself, cut at a sentence end, under its document's title. */
function quote(p: RetrievedPassage, lang: 'zh' | 'en'): string {
  let text = p.text;
  if (text.length > QUOTE_CHARS) {
    const cut = text.slice(0, QUOTE_CHARS);
    const end = Math.max(...['。', '！', '？', '. ', '! ', '? ', '\n'].map((m) => cut.lastIndexOf(m)));
    text = `${end > QUOTE_CHARS / 2 ? cut.slice(0, end + 1) : cut}…`;
  }
  const where = p.heading ? `${p.title} › ${p.heading}` : p.title;
  return lang === 'zh' ? `根据《${where}》：\n${text.trim()}` : `From “${where}”:\n${text.trim()}`;
}

/** The sources an answer cites ([1], [2]), or all it was given when it cites none. */
function cited(text: string, passages: readonly RetrievedPassage[]): AnswerSource[] {
  const numbers = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  const used = passages.filter((_, i) => numbers.has(i + 1));
  const unique = new Map(
    (used.length ? used : passages).map((p) => [`${p.title}\u0000${p.heading}`, sourceOf(p)]),
  );
  return [...unique.values()];
}

/**
 * Answers a question the FAQ and intents did not cover from the workspace's documents. Without a provider
 * (or when it is off, down, slow, over budget, or the message tries to give it orders), the best passage
 * itself is the answer, with its source. With one, the model answers only from the passages, streamed to
 * `onText`; its answer is checked (guard) and, when it says the sources lack the answer, null is returned so
 * the bot's own fallback and hand-over policy apply. Null too when no passage is relevant.
 */
export async function answerFromDocuments(
  ctx: AppContext,
  input: {
    workspaceId: string;
    question: string;
    lang: 'zh' | 'en';
    /** the checked answer so far (whole sentences), as the model writes it */
    onText?: (textSoFar: string) => void;
    provider?: ActiveProvider | null;
    /** a shorter limit than the provider's timeout for the model's call (a bot turn's) */
    timeoutMs?: number;
  },
): Promise<DocumentAnswer | null> {
  const provider =
    input.provider === undefined ? await activeProvider(ctx, input.workspaceId) : input.provider;
  const found = await retrievePassages(ctx, input.workspaceId, input.question, {
    limit: GROUNDING_PASSAGES,
    provider,
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
  });
  const passages = found.passages.filter(relevant);
  const best = passages[0];
  if (!best) return null;
  const passageAnswer = (fallback: string | null): DocumentAnswer => ({
    text: quote(best, input.lang),
    sources: [sourceOf(best)],
    via: 'passage',
    fallback,
  });
  if (!provider?.features.groundedAnswers) return passageAnswer(null);
  if (looksLikeInjection(input.question)) return passageAnswer('injection');

  const maxChars = provider.features.maxAnswerChars;
  const prompt = groundedAnswerPrompt({
    question: input.question,
    sources: passages,
    lang: input.lang,
    maxChars,
  });
  const checks = {
    // what the passages say, never the customer's own words
    sourcesText: passages.map((p) => `${p.heading}\n${p.text}`).join('\n'),
    blocklist: provider.features.blocklist,
    maxChars,
    secrets: [prompt.canary, ...INSTRUCTION_PHRASES],
  };
  // The customer sees only checked text: whole sentences, each checked with all before it; the first that
  // fails stops the model and nothing more is shown (the stream is then discarded by the caller). Nothing
  // is shown until the answer is clearly not the refusal.
  const onText = input.onText;
  const stop = new AbortController();
  let violation: Extract<AnswerCheck, { ok: false }>['reason'] | null = null;
  let shown = 0;
  const result = await complete(ctx, provider, 'answer', prompt.messages, {
    maxTokens: Math.ceil(maxChars * 1.5),
    signal: stop.signal,
    ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}),
    ...(onText
      ? {
          onText: (soFar: string) => {
            if (violation) return;
            if (soFar.trim().length > maxChars) {
              violation = 'too_long';
              stop.abort();
              return;
            }
            const head = soFar.trimStart();
            if (head.length < NO_ANSWER.length + 2 && NO_ANSWER.startsWith(head.slice(0, NO_ANSWER.length)))
              return;
            if (head.startsWith(NO_ANSWER)) return;
            const end = sentenceEnd(soFar);
            if (end <= shown) return;
            const part = soFar.slice(0, end);
            const check = checkAnswer(part, checks);
            if (!check.ok) {
              violation = check.reason;
              stop.abort();
              return;
            }
            shown = end;
            onText(part);
          },
        }
      : {}),
  });
  if (violation) return passageAnswer(violation);
  if (!result.ok) return passageAnswer(result.outcome);
  if (result.text.trim().startsWith(NO_ANSWER)) return null;
  const check = checkAnswer(result.text, checks);
  if (!check.ok) return passageAnswer(check.reason);
  return { text: check.text, sources: cited(check.text, passages), via: 'model', fallback: null };
}
