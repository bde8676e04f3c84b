import { message } from './messages.ts';
import type { Move, Turn } from './turn.ts';
import type { FlowReply } from './types.ts';

/**
 * A side question while the flow waits: answer it from the FAQ, then ask the flow's question again.
 * Null when the FAQ has no confident answer.
 */
export function digress(turn: Turn, text: string, question: FlowReply): Move | null {
  const answer = askFaq(turn, text);
  if (answer === null) return null;
  turn.replies.push(answer, {
    text: `${message('resume', turn.lang)}${question.text}`,
    buttons: question.buttons,
  });
  return { wait: 'digressed' };
}

function askFaq(turn: Turn, text: string): FlowReply | null {
  try {
    return turn.ctx.faq?.(text, turn.lang) ?? null;
  } catch (error) {
    // A broken FAQ look-up must not end the task: treat it as no answer.
    turn.problems.push({ node: turn.state.node, message: `faq failed: ${(error as Error).message}` });
    return null;
  }
}

const QUESTION =
  /[?？]\s*$|[吗呢么]\s*[?？]?\s*$|^(?:how|what|when|where|why|who|which|can|could|do|does|is|are|will)\b|怎么|如何|多久|多少|为什么|什么|哪/i;

/** Free-text slots take anything, so only a message that reads as a question is tried as a digression. */
export function looksLikeQuestion(text: string): boolean {
  return QUESTION.test(text.trim());
}
