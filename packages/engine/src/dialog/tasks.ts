import type { Lang, QuickReply } from '../bot/types.ts';
import {
  type FlowContext,
  type FlowDefinition,
  type FlowState,
  isFlowCancel,
  readFlowAnswer,
  readYesNo,
} from './flows/index.ts';

/**
 * While a task (flow) waits for the customer, what their message is: the `answer` to its question, a
 * request for `another` task (suspend this one, start that, offer to come back), or the `same` task asked for
 * again ("怎么申请退款" during the refund request: say we are on it and ask again).
 */
export type TaskMove = { kind: 'answer' } | { kind: 'another'; flow: FlowDefinition } | { kind: 'same' };

/**
 * `requested` is the flow the matcher confidently reads the message as a request for (null: none);
 * `requests(text)` reads another text the same way. A message that answers the question and also asks for
 * another task ("帮我查下订单 202611230001" while a return waits for its order number) is that other task
 * when what is left without the answer still asks for it; "订单号是 202611230001" is the answer.
 */
export function taskMove(
  active: FlowDefinition,
  state: FlowState,
  text: string,
  requested: FlowDefinition | null,
  requests: (text: string) => FlowDefinition | null,
  ctx: FlowContext,
): TaskMove {
  if (requested === null || isFlowCancel(text)) return { kind: 'answer' };
  const reading = readFlowAnswer(active, state, text, ctx);
  if (reading.kind === 'yesno') return { kind: 'answer' };
  // a free-text answer speaks of the task itself ("新地址是…" for the new address): it is the answer
  if (reading.kind === 'free' && requested.id === active.id) return { kind: 'answer' };
  if (reading.kind === 'value') {
    const rest = text.replace(String(reading.value), ' ').trim();
    if (requested.id === active.id || requests(rest)?.id !== requested.id) return { kind: 'answer' };
  }
  return requested.id === active.id ? { kind: 'same' } : { kind: 'another', flow: requested };
}

const RESUME =
  /^(?:继续|接着|接着办|继续办|继续办理|继续吧|好继续|carryon|continue|goon|resume|yesplease|letscontinue)$/;
const fold = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');

/** The answer to "shall we carry on with the task we left?": yes, no, or something else (null). */
export function resumeAnswer(text: string): 'yes' | 'no' | null {
  const yes = readYesNo(text);
  if (yes === 'yes' || RESUME.test(fold(text))) return 'yes';
  if (yes === 'no' || isFlowCancel(text)) return 'no';
  return null;
}

const ANYTHING_ELSE =
  /^(?:还有(?:其他|别的|什么)[^。！？?]{0,12}[吗呢][？?]?|(?:is there )?anything else[^.!?]{0,40}\?)$/iu;

/**
 * A reply that only asks "anything else?" (a finished task's closing line): dropped when the bot asks
 * instead whether to carry on with the task left waiting, so the customer is asked one thing at a time.
 */
export const onlyAsksAnythingElse = (reply: { text: string; buttons: unknown[] }) =>
  reply.buttons.length === 0 && ANYTHING_ELSE.test(reply.text.trim());

const quote = (lang: Lang, name: string) => (lang === 'zh' ? `「${name}」` : `"${name}"`);

/** What the bot says as it moves between tasks, in the reply's language. */
export const taskTexts = {
  same: (lang: Lang, name: string) =>
    lang === 'zh' ? `好的，我们正在办理${quote(lang, name)}：` : `That's what we're doing now (${name}): `,
  another: (lang: Lang, name: string, left: string) =>
    lang === 'zh'
      ? `好的，先处理${quote(lang, name)}，刚才的${quote(lang, left)}等下接着办。`
      : `Sure, let's do that first (${name}); we'll come back to ${quote(lang, left)} after.`,
  offer: (lang: Lang, left: string) =>
    lang === 'zh'
      ? `刚才的${quote(lang, left)}还没办完，要继续吗？`
      : `We hadn't finished ${quote(lang, left)}. Shall we carry on?`,
  left: (lang: Lang, left: string) =>
    lang === 'zh'
      ? `好的，${quote(lang, left)}先不办了。还有其他可以帮您的吗？`
      : `OK, I'll leave ${quote(lang, left)} for now. Is there anything else I can help with?`,
  resume: (lang: Lang) => (lang === 'zh' ? '好的，我们接着办：' : "OK, let's carry on: "),
  offerButtons: (lang: Lang): QuickReply[] =>
    lang === 'zh'
      ? [
          { label: '继续办理', payload: '继续' },
          { label: '不用了', payload: '不用了' },
        ]
      : [
          { label: 'Carry on', payload: 'carry on' },
          { label: 'No, thanks', payload: 'no' },
        ],
};
