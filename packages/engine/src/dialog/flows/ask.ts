import { digress, looksLikeQuestion } from './digress.ts';
import type { AskNode } from './schema.ts';
import { readSlot } from './slots.ts';
import { askButtons, fail, type Move, render, type Turn } from './turn.ts';
import type { FlowReply } from './types.ts';

/** Arriving at an ask node: take the value from the utterance that started the flow if it holds one, else ask. */
export function enterAsk(turn: Turn, id: string, node: AskNode): Move {
  if (turn.trigger !== null && !turn.triggerUsed.has(id)) {
    turn.triggerUsed.add(id);
    const reading = readSlot(node.slot, turn.trigger, turn.ctx, true);
    if (reading.kind === 'value') {
      turn.state.slots[node.slot.name] = reading.value;
      return { to: node.next };
    }
  }
  turn.replies.push(question(turn, node));
  turn.state.awaiting = { kind: 'ask', node: id };
  return { wait: 'waiting' };
}

/** The customer's answer to an ask node: fill the slot, answer a side question, or ask again. */
export function answerAsk(turn: Turn, id: string, node: AskNode, text: string): Move {
  const { slot } = node;
  if (slot.entity === 'text' && looksLikeQuestion(text)) {
    const side = digress(turn, text, question(turn, node));
    if (side) return side;
  }
  const reading = readSlot(slot, text, turn.ctx);
  if (reading.kind === 'value') {
    turn.state.slots[slot.name] = reading.value;
    turn.state.awaiting = null;
    return { to: node.next };
  }
  if (reading.kind === 'none') {
    const side = digress(turn, text, question(turn, node));
    if (side) return side;
  }
  turn.state.retries += 1;
  if (turn.state.retries > slot.maxRetries) {
    turn.state.awaiting = null;
    if (slot.onFail !== undefined) return { to: slot.onFail };
    return fail(turn, id, `no valid ${slot.entity} for slot "${slot.name}" after ${slot.maxRetries} retries`);
  }
  turn.replies.push({ text: render(turn, slot.reprompt), buttons: askButtons(turn, node) });
  return { wait: 'waiting' };
}

function question(turn: Turn, node: AskNode): FlowReply {
  return { text: render(turn, node.slot.prompt), buttons: askButtons(turn, node) };
}
