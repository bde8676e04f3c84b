import { answerAsk, enterAsk } from './ask.ts';
import { answerConfirm, enterConfirm } from './confirm.ts';
import { nodeAt } from './graph.ts';
import { runHttp } from './http.ts';
import { message } from './messages.ts';
import type { FlowDefinition, FlowNode } from './schema.ts';
import { runBranch, runEnd, runHandover, runSay, runSet } from './simpleNodes.ts';
import { readSlot } from './slots.ts';
import { flowStateSchema } from './stateSchema.ts';
import { fail, type Move, result, type Turn } from './turn.ts';
import type { FlowContext, FlowInput, FlowState, FlowTurnResult, Lang } from './types.ts';
import { isCancel, yesOrNo } from './words.ts';

/** Steps over the whole flow are capped at this many times maxSteps: loops through the customer end too. */
const TOTAL_STEPS_FACTOR = 20;
/** Longer messages are read up to this many characters. */
const MAX_INPUT = 2000;

/**
 * Starts a flow and runs it until it needs the customer or ends. `trigger`, the message that started
 * it, may already hold slot values ("查订单 202611230001"); they are taken without asking.
 */
export async function startFlow(
  flow: FlowDefinition,
  ctx: FlowContext,
  trigger?: FlowInput,
): Promise<FlowTurnResult> {
  const turn = newTurn(flow, ctx, ctx.lang, emptyState(flow), trigger?.text.slice(0, MAX_INPUT) ?? null);
  return advance(turn);
}

function emptyState(flow: FlowDefinition): FlowState {
  return {
    flowId: flow.id,
    node: flow.start,
    vars: {},
    slots: {},
    retries: 0,
    steps: 0,
    awaiting: null,
    response: null,
  };
}

/** Takes the customer's answer to the node the flow waits at, then runs on. Replies are in the input's language. */
export async function continueFlow(
  flow: FlowDefinition,
  state: FlowState,
  input: FlowInput,
  ctx: FlowContext,
): Promise<FlowTurnResult> {
  const saved = flowStateSchema.safeParse(state);
  const fits = saved.success && state.flowId === flow.id && state.awaiting !== null;
  const turn = newTurn(flow, ctx, input.lang, fits ? structuredClone(state) : emptyState(flow), null);
  const waitingAt = fits ? state.awaiting?.node : undefined;
  const node = waitingAt === undefined ? undefined : nodeAt(flow, waitingAt);
  if (waitingAt === undefined || node === undefined || node.type !== state.awaiting?.kind) {
    return result(
      turn,
      fail(turn, waitingAt ?? flow.start, 'the saved state does not fit this flow version'),
    );
  }
  const text = input.text.slice(0, MAX_INPUT);
  if (isCancel(text)) {
    turn.replies.push({ text: message('cancelled', turn.lang), buttons: [] });
    return result(turn, { finish: 'cancelled' });
  }
  const move = answer(turn, waitingAt, node, text);
  if (!('to' in move)) return result(turn, move);
  moveTo(turn, move.to);
  return advance(turn);
}

/**
 * Picks a flow up again where it waits (after the customer did something else meanwhile): the question it
 * waits on is asked again, after `lead` ("我们接着刚才的事：").
 */
export async function resumeFlow(
  flow: FlowDefinition,
  state: FlowState,
  ctx: FlowContext,
  lead: string,
): Promise<FlowTurnResult> {
  const saved = flowStateSchema.safeParse(state);
  const turn = newTurn(flow, ctx, ctx.lang, saved.success ? structuredClone(state) : emptyState(flow), null);
  const waitingAt = saved.success && state.flowId === flow.id ? state.awaiting?.node : undefined;
  if (waitingAt === undefined || nodeAt(flow, waitingAt) === undefined) {
    return result(turn, fail(turn, flow.start, 'the saved state does not fit this flow version'));
  }
  moveTo(turn, waitingAt);
  const out = await advance(turn);
  const [first] = out.replies;
  if (first) first.text = `${lead}${first.text}`;
  return out;
}

/**
 * What a message is to the node the flow waits at: `value` it fills the slot asked for (an order number for
 * "which order?"), `free` the slot takes any text, `yesno` a bare yes or no to a confirmation, `none` not an
 * answer. Read without changing anything, so the engine can tell an answer from a new request.
 */
export function readAnswer(
  flow: FlowDefinition,
  state: FlowState,
  text: string,
  ctx: FlowContext,
): { kind: 'value'; value: string | number } | { kind: 'free' | 'yesno' | 'none' } {
  const waitingAt = state.awaiting?.node;
  const node = waitingAt === undefined ? undefined : nodeAt(flow, waitingAt);
  if (node?.type === 'confirm') return { kind: yesOrNo(text) === null ? 'none' : 'yesno' };
  if (node?.type !== 'ask') return { kind: 'none' };
  if (node.slot.entity === 'text' && node.slot.validate?.options === undefined) return { kind: 'free' };
  const reading = readSlot(node.slot, text.slice(0, MAX_INPUT), ctx);
  return reading.kind === 'value' ? { kind: 'value', value: reading.value } : { kind: 'none' };
}

function answer(turn: Turn, id: string, node: FlowNode | undefined, text: string): Move {
  if (node?.type === 'ask') return answerAsk(turn, id, node, text);
  if (node?.type === 'confirm') return answerConfirm(turn, id, node, text);
  return fail(turn, id, 'not waiting for an answer');
}

function newTurn(
  flow: FlowDefinition,
  ctx: FlowContext,
  lang: Lang,
  state: FlowState,
  trigger: string | null,
): Turn {
  return {
    flow,
    ctx,
    lang,
    state,
    replies: [],
    problems: [],
    steps: 0,
    httpCalls: 0,
    startedAt: Date.now(),
    trigger,
    triggerUsed: new Set(),
  };
}

async function advance(turn: Turn): Promise<FlowTurnResult> {
  const { flow, state } = turn;
  for (;;) {
    if (turn.steps >= flow.maxSteps || state.steps >= flow.maxSteps * TOTAL_STEPS_FACTOR) {
      return result(turn, fail(turn, state.node, `step limit reached (${flow.maxSteps} per turn)`));
    }
    const node = nodeAt(flow, state.node);
    if (node === undefined) return result(turn, fail(turn, state.node, 'no such node'));
    turn.steps += 1;
    state.steps += 1;
    const move = await runNode(turn, state.node, node);
    if (!('to' in move)) return result(turn, move);
    moveTo(turn, move.to);
  }
}

function moveTo(turn: Turn, node: string): void {
  turn.state.node = node;
  turn.state.retries = 0;
  turn.state.awaiting = null;
}

function runNode(turn: Turn, id: string, node: FlowNode): Move | Promise<Move> {
  switch (node.type) {
    case 'say':
      return runSay(turn, node);
    case 'ask':
      return enterAsk(turn, id, node);
    case 'confirm':
      return enterConfirm(turn, id, node);
    case 'branch':
      return runBranch(turn, node);
    case 'http':
      return runHttp(turn, id, node);
    case 'set':
      return runSet(turn, node);
    case 'handover':
      return runHandover(turn, node);
    case 'end':
      return runEnd(turn, node);
  }
}
