import { digress, looksLikeQuestion } from './digress.ts';
import { message, yesNoButtons } from './messages.ts';
import type { AskNode, ConfirmNode } from './schema.ts';
import type { Slot } from './slotSchema.ts';
import { readSlot, type SlotValue } from './slots.ts';
import { fail, type Move, render, slotValue, type Turn } from './turn.ts';
import type { FlowReply } from './types.ts';
import { readCorrection, yesOrNo } from './words.ts';

export function enterConfirm(turn: Turn, id: string, node: ConfirmNode): Move {
  turn.replies.push(question(turn, node));
  turn.state.awaiting = { kind: 'confirm', node: id };
  return { wait: 'waiting' };
}

/** Yes, no, a corrected slot ("不是，是 …" / "no, it's …"), a side question, or ask again. */
export function answerConfirm(turn: Turn, id: string, node: ConfirmNode, text: string): Move {
  const answer = yesOrNo(text);
  if (answer !== null) {
    turn.state.awaiting = null;
    return { to: answer === 'yes' ? node.yes : node.no };
  }
  const { negated, rest } = readCorrection(text);
  const correction = findCorrection(turn, node, text, rest, negated);
  if (correction !== null) {
    const current = slotValue(turn, correction.name);
    if (current === correction.value && !negated) {
      turn.state.awaiting = null;
      return { to: node.yes };
    }
    turn.state.slots[correction.name] = correction.value;
    turn.state.retries = 0;
    turn.replies.push(question(turn, node));
    return { wait: 'waiting' };
  }
  if (negated) {
    turn.state.awaiting = null;
    return { to: node.no };
  }
  const side = digress(turn, text, question(turn, node));
  if (side) return side;
  turn.state.retries += 1;
  if (turn.state.retries > node.maxRetries) {
    turn.state.awaiting = null;
    if (node.onFail !== undefined) return { to: node.onFail };
    return fail(turn, id, `no yes or no after ${node.maxRetries} retries`);
  }
  const again = node.reprompt
    ? render(turn, node.reprompt)
    : `${message('confirmReprompt', turn.lang)}${turn.lang === 'zh' ? '' : ' '}${render(turn, node.text)}`;
  turn.replies.push({ text: again, buttons: yesNoButtons(turn.lang) });
  return { wait: 'waiting' };
}

function question(turn: Turn, node: ConfirmNode): FlowReply {
  return { text: render(turn, node.text), buttons: yesNoButtons(turn.lang) };
}

const GENERIC = new Set(['number', 'money', 'otp', 'bank_card_last4']);

/**
 * A new value for one of the slots being confirmed. Specific entities (order numbers, phones, dates)
 * are read anywhere in the message; generic digits next; free text only after a denial ("不是，是 …").
 */
function findCorrection(
  turn: Turn,
  node: ConfirmNode,
  text: string,
  rest: string,
  negated: boolean,
): { name: string; value: SlotValue } | null {
  const slots = correctableSlots(turn, node);
  const rank = (slot: Slot) => (slot.entity === 'text' ? 2 : GENERIC.has(slot.entity) ? 1 : 0);
  for (const slot of [...slots].sort((a, b) => rank(a) - rank(b))) {
    if (slot.entity === 'text' && (!negated || rest === '' || looksLikeQuestion(rest))) continue;
    const reading = readSlot(slot, slot.entity === 'text' ? rest : text, turn.ctx);
    if (reading.kind === 'value') return { name: slot.name, value: reading.value };
  }
  return null;
}

/** The confirm node's slots, or every filled slot an ask node defines; the first ask node's rules apply. */
function correctableSlots(turn: Turn, node: ConfirmNode): Slot[] {
  const asks = Object.values(turn.flow.nodes).filter((n): n is AskNode => n.type === 'ask');
  const names =
    node.slots ?? asks.map((n) => n.slot.name).filter((name) => slotValue(turn, name) !== undefined);
  const out: Slot[] = [];
  for (const name of new Set(names)) {
    const slot = asks.find((n) => n.slot.name === name)?.slot;
    if (slot) out.push(slot);
  }
  return out;
}
