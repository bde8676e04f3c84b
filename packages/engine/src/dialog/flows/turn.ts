import { message } from './messages.ts';
import { optionButtons } from './options.ts';
import type { AskNode, FlowButton, FlowDefinition, FlowText } from './schema.ts';
import { renderTemplate } from './template.ts';
import type { FlowContext, FlowHandover, FlowReply, FlowState, FlowTurnResult, Lang } from './types.ts';

/** One turn of a flow: what it runs on and what it has said so far. */
export interface Turn {
  flow: FlowDefinition;
  ctx: FlowContext;
  lang: Lang;
  state: FlowState;
  replies: FlowReply[];
  problems: FlowTurnResult['problems'];
  /** Nodes run this turn, against flow.maxSteps. */
  steps: number;
  httpCalls: number;
  /** Date.now() when the turn began, against the HTTP time budget. */
  startedAt: number;
  /** The utterance that started the flow, read for slots on the first turn only. */
  trigger: string | null;
  /** Ask nodes that already took a value from the trigger (each may once, so re-asks do not loop). */
  triggerUsed: Set<string>;
}

/** Where a node sends the flow: to another node, to the customer (wait), or to the end. */
export type Move =
  | { to: string }
  | { wait: 'waiting' | 'digressed' }
  | { finish: 'ended' | 'cancelled' | 'failed' }
  | { finish: 'handover'; handover: FlowHandover };

export function scopeOf(turn: Turn): Record<string, unknown> {
  const { state, ctx } = turn;
  return {
    ...state.vars,
    slots: state.slots,
    attributes: ctx.attributes,
    response: state.response ?? null,
    lang: turn.lang,
  };
}

/** A slot's value, or undefined; own properties only, so a slot named "constructor" is empty until filled. */
export function slotValue(turn: Turn, name: string): unknown {
  return Object.hasOwn(turn.state.slots, name) ? turn.state.slots[name] : undefined;
}

export function render(turn: Turn, text: FlowText): string {
  return renderTemplate(text[turn.lang], scopeOf(turn), turn.lang);
}

export function buttons(turn: Turn, list: FlowButton[] | undefined): FlowReply['buttons'] {
  return (list ?? []).map((button) => {
    const label = render(turn, button.label);
    return { label, payload: button.payload ? render(turn, button.payload) : label };
  });
}

export function askButtons(turn: Turn, node: AskNode): FlowReply['buttons'] {
  const options = node.slot.validate?.options;
  return options ? optionButtons(options, turn.lang) : [];
}

export function fail(turn: Turn, node: string, problem: string): { finish: 'failed' } {
  turn.problems.push({ node, message: problem });
  turn.replies.push({ text: message('failed', turn.lang), buttons: agentButton(turn.lang) });
  return { finish: 'failed' };
}

function agentButton(lang: Lang): FlowReply['buttons'] {
  return lang === 'zh'
    ? [{ label: '转人工客服', payload: '转人工' }]
    : [{ label: 'Talk to an agent', payload: 'human agent' }];
}

const MASK = '***';

/** The result of the turn; the state is dropped once the flow is over. */
export function result(turn: Turn, move: Exclude<Move, { to: string }>): FlowTurnResult {
  const outcome = 'wait' in move ? move.wait : move.finish;
  const out: FlowTurnResult = {
    replies: turn.replies,
    state: 'wait' in move ? turn.state : null,
    outcome,
    vars: visibleVars(turn),
    problems: turn.problems,
  };
  if ('handover' in move) out.handover = move.handover;
  return out;
}

function visibleVars(turn: Turn): Record<string, unknown> {
  const { flow, state } = turn;
  const secret = new Set(flow.sensitive);
  for (const node of Object.values(flow.nodes)) {
    if (node.type === 'ask' && (node.slot.sensitive ?? node.slot.entity === 'otp'))
      secret.add(node.slot.name);
  }
  const mask = (values: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [key, secret.has(key) ? MASK : value]));
  return { ...mask(structuredClone(state.vars)), slots: mask(structuredClone(state.slots)) };
}
