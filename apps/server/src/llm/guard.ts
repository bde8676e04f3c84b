/**
 * Guardrails around the model. Customer text is data, never instructions: it goes only in the user message,
 * fenced, and messages that try to give orders are recognised here and never sent. What the model writes is
 * checked before a customer sees it: the blocklist, the length, no trace of the instructions, and no refund,
 * compensation, price or number that the sources do not state.
 */

const INJECTION: RegExp[] = [
  /\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|the)\b.{0,30}\b(instructions?|rules?|prompts?|directions?|guidelines?)/i,
  /\b(system|developer|hidden|initial)\s+(prompt|message|instructions?)\b/i,
  /\b(reveal|show|print|repeat|output|tell me|what are)\b.{0,40}\b(instructions?|prompt|rules)\b/i,
  /\byou are (now|no longer)\b|\bact as\b|\bpretend (to be|you)\b|\bjailbreak\b|developer mode/i,
  /\bnew (instructions?|rules?|role)\b|\bfrom now on\b/i,
  /(忽略|无视|忘记|忘掉|不要理会|跳过).{0,20}(之前|以上|上面|前面|所有|你的|原有|原来)?.{0,10}(指令|指示|规则|提示|设定|要求|限制)/,
  /(系统|初始|隐藏|原始)(提示词?|指令|设定|消息|prompt)/,
  /(输出|显示|打印|重复|告诉我|透露|泄露).{0,20}(提示词|指令|规则|设定|prompt)/,
  /(你现在是|你不再是|扮演|假装你?是|从现在(开始|起)|开发者模式|越狱)/,
  /(新的?(指令|规则|角色))/,
];

/** Does the customer's message try to give the model orders (in Chinese or English)? */
export function looksLikeInjection(text: string): boolean {
  return INJECTION.some((pattern) => pattern.test(text));
}

const PROMISE =
  /(退款|退钱|退还|赔偿|补偿|赔付|返现|折扣|优惠|免单|打折|包退|refund|reimburs|compensat|cashback|discount|voucher|coupon|free of charge)/gi;
// money and numbers that say something: 199 元, ¥50, $20, 30%, 7 天 — any number of two digits or more, or with a unit
const NUMBER = /(?:[¥$€£]\s?)?\d+(?:[.,]\d+)?\s?(?:%|元|块|美元|dollars?|yuan|rmb|usd|cny)?/gi;

export type AnswerCheck =
  | { ok: true; text: string }
  | {
      ok: false;
      reason: 'empty' | 'too_long' | 'blocklist' | 'leak' | 'unsupported_promise' | 'unsupported_number';
    };

const digitsOf = (s: string) => s.replace(/[^\d.]/g, '').replace(/\.$/, '');

const NEGATION = /不|无|没|非|未|拒|\bno\b|\bnot\b|\bnon-|\bnever\b|\bwithout\b|n't\b|\bcannot\b/i;
const CLAUSE_END = /[，。！？；：,.;:!?\n]/;

/** Is the word at `index` said in the negative within its clause ("不提供退款", "no refunds", "non-refundable")? */
function negated(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 24), index);
  return NEGATION.test(before.split(CLAUSE_END).at(-1) ?? '');
}

/** Do the sources state this promise word affirmatively (not only "no refunds")? */
function stated(sources: string, word: string): boolean {
  for (let at = sources.indexOf(word); at >= 0; at = sources.indexOf(word, at + 1)) {
    if (!negated(sources, at)) return true;
  }
  return false;
}

/**
 * Checks a model's answer against the sources it was given: `sourcesText` (what the passages say — never the
 * customer's words, or "confirm my 500 元 refund" would vouch for itself), the workspace's blocklist, a length
 * limit, and fragments of the instructions (`secrets`: the canary and distinctive phrases of the system
 * prompt). A refund or compensation the answer offers must be offered by the sources too: "no refunds" in
 * the sources does not support "we will refund you". Works on a partial answer as it streams.
 */
export function checkAnswer(
  answer: string,
  options: {
    sourcesText: string;
    blocklist: readonly string[];
    maxChars: number;
    secrets: readonly string[];
  },
): AnswerCheck {
  const text = answer.trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > options.maxChars) return { ok: false, reason: 'too_long' };
  const lower = text.toLowerCase();
  if (options.blocklist.some((word) => lower.includes(word.toLowerCase())))
    return { ok: false, reason: 'blocklist' };
  if (options.secrets.some((s) => lower.includes(s.toLowerCase()))) return { ok: false, reason: 'leak' };
  const sources = options.sourcesText.toLowerCase();
  for (const match of lower.matchAll(PROMISE)) {
    const word = match[0].toLowerCase();
    const supported = negated(lower, match.index ?? 0) ? sources.includes(word) : stated(sources, word);
    if (!supported) return { ok: false, reason: 'unsupported_promise' };
  }
  const sourceNumbers = new Set([...sources.matchAll(NUMBER)].map((m) => digitsOf(m[0])).filter(Boolean));
  for (const match of text.matchAll(NUMBER)) {
    const digits = digitsOf(match[0]);
    // citation marks [1] and small counts are not claims
    if (!digits || (digits.length < 2 && !/[%元块$¥€£]/.test(match[0]))) continue;
    const index = match.index ?? 0;
    if (text[index - 1] === '[' && text[index + match[0].length] === ']') continue;
    if (!sourceNumbers.has(digits)) return { ok: false, reason: 'unsupported_number' };
  }
  return { ok: true, text };
}
