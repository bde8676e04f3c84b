import { evaluate } from './condition.ts';
import { message } from './messages.ts';
import type { BranchNode, EndNode, HandoverNode, SayNode, SetNode } from './schema.ts';
import { renderTemplate, renderValue } from './template.ts';
import { buttons, type Move, render, scopeOf, type Turn } from './turn.ts';

export function runSay(turn: Turn, node: SayNode): Move {
  turn.replies.push({ text: render(turn, node.text), buttons: buttons(turn, node.buttons) });
  return { to: node.next };
}

export function runBranch(turn: Turn, node: BranchNode): Move {
  const scope = scopeOf(turn);
  const hit = node.cases.find((c) => evaluate(c.when, scope));
  return { to: hit?.next ?? node.default };
}

/** Values are computed from the scope as it was before the node, then assigned; null or a missing value clears. */
export function runSet(turn: Turn, node: SetNode): Move {
  const scope = scopeOf(turn);
  const { state } = turn;
  for (const [key, raw] of Object.entries(node.values)) {
    const value = renderValue(raw, scope, turn.lang);
    const [target, name] = key.startsWith('slots.') ? [state.slots, key.slice(6)] : [state.vars, key];
    if (value === null || value === undefined) delete target[name];
    else target[name] = value;
  }
  return { to: node.next };
}

export function runHandover(turn: Turn, node: HandoverNode): Move {
  const text = node.text
    ? render(turn, node.text)
    : message(node.tier === 'expert' ? 'handoverExpert' : 'handoverAgent', turn.lang);
  turn.replies.push({ text, buttons: [] });
  const reason = renderTemplate(node.reason, scopeOf(turn), turn.lang);
  const handover =
    node.team === undefined ? { tier: node.tier, reason } : { tier: node.tier, team: node.team, reason };
  return { finish: 'handover', handover };
}

export function runEnd(turn: Turn, node: EndNode): Move {
  if (node.text) turn.replies.push({ text: render(turn, node.text), buttons: [] });
  return { finish: 'ended' };
}
