import { normalizeText } from '../lang/normalize.ts';
import { toSimplified } from '../lang/traditional.ts';

/**
 * How clearly a message asks for a person. `explicit`: always hand over ("转人工", "talk to a human").
 * `mention`: a handoff word in a message that might be a question about something else ("human resources
 * policy", "人工费"): hand over only when no FAQ answers it confidently.
 */
export type HandoffRequest = 'explicit' | 'mention' | null;

const ZH_EXPLICIT =
  /转人工|转接人工|人工客服|人工服务|人工坐席|真人|活人|(找|要|叫|转|接|换|联系|呼叫)(个|一下|一个)?(人工|客服|专员)(?!电话|热线|邮箱|时间|工作时间)/;
const STANDALONE_MAX = 24;
const ZH_MENTION = /人工(?!智能|费|成本)|客服/;
// a whole message (punctuation aside, possibly repeated: "人呢人呢") that can only mean "a person, please";
// 「有人吗」 is "anyone there?", like the English: the bot answers that it is there and a person is a tap away
const ZH_STANDALONE =
  /^(?:(?:人工|客服|真人|人工客服|客服在吗|在吗客服|人呢|客服呢|人工呢|客服人呢)[啊呀吧]?)+$/;

const WHO =
  '(?:a |an |the |some |your |one of your )?(?:human(?!\\s+resources?)s?|agents?|person|people|representatives?|reps?|operators?|someone|somebody|staff|customer service|customer support|support team)';
const EN_EXPLICIT = new RegExp(
  [
    `\\b(?:talk|speak|chat|connect|transfer|put|get|want|need|give|reach|call|contact)\\b(?: me)?(?: to| with| through)? ${WHO}\\b`,
    '\\b(?:real|live|actual) (?:person|human|agent|people)\\b',
    '\\bhuman (?:agent|being|support)\\b',
  ].join('|'),
);
const EN_MENTION = /\b(?:human|agent|representative|operator)s?\b(?!\s+resources?)/;
const EN_STANDALONE =
  /^(?:(?:a |an )?(?:human|agent|person|representative|operator|real person|live agent|human agent|customer service)(?: please| pls| now)?)$/;

function stripNoise(text: string): string {
  return text
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .replace(/^(?:please|pls|hi|hello|hey) /, '')
    .replace(/[请帮我给吧啊呀呢吗谢谢麻烦]+$/u, '')
    .replace(/^[请帮我给麻烦]+/u, '')
    .trim();
}

/** Detects a customer asking for a person, in Chinese or English. */
export function detectHandoffRequest(message: string): HandoffRequest {
  const text = toSimplified(normalizeText(message));
  const bare = stripNoise(text);
  // the standalone forms are short; the length cap also keeps the repeated alternation from backtracking
  // exponentially on a long crafted message ("人工客服" × 30 + "x")
  const plain = text.replace(/[\p{P}\p{S}\s]+/gu, '');
  const short = (value: string) => value.length <= STANDALONE_MAX;
  const compact = bare.replace(/\s/g, '');
  if (
    (short(plain) && ZH_STANDALONE.test(plain)) ||
    (short(compact) && ZH_STANDALONE.test(compact)) ||
    EN_STANDALONE.test(bare)
  )
    return 'explicit';
  if (ZH_EXPLICIT.test(text) || EN_EXPLICIT.test(text)) return 'explicit';
  if (ZH_MENTION.test(text) || EN_MENTION.test(text)) return 'mention';
  return null;
}
