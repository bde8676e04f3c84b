import type { FlowDefinition, FlowNode } from './schema.ts';

/**
 * The node with this id, or undefined. Own properties only: an id such as "constructor" or "toString"
 * (valid node ids) must not find Object.prototype's members.
 */
export function nodeAt(flow: FlowDefinition, id: string): FlowNode | undefined {
  return Object.hasOwn(flow.nodes, id) ? flow.nodes[id] : undefined;
}

/** Every node a node can go to, with the field that names it (`next`, `cases.0.next`, `onStatus.404`). */
export function targetsOf(node: FlowNode): Array<{ field: string; target: string }> {
  const out: Array<{ field: string; target: string }> = [];
  const add = (field: string, target: string | undefined) => {
    if (target !== undefined) out.push({ field, target });
  };
  switch (node.type) {
    case 'say':
    case 'set':
      add('next', node.next);
      break;
    case 'ask':
      add('next', node.next);
      add('slot.onFail', node.slot.onFail);
      break;
    case 'confirm':
      add('yes', node.yes);
      add('no', node.no);
      add('onFail', node.onFail);
      break;
    case 'branch':
      node.cases.forEach((c, i) => {
        add(`cases.${i}.next`, c.next);
      });
      add('default', node.default);
      break;
    case 'http':
      add('next', node.next);
      add('onError', node.onError);
      for (const [status, target] of Object.entries(node.onStatus ?? {})) add(`onStatus.${status}`, target);
      break;
    default:
      break;
  }
  return out;
}

/** Node ids reachable from the start. */
export function reachable(flow: FlowDefinition): Set<string> {
  const seen = new Set<string>();
  const queue = [flow.start];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    const node = nodeAt(flow, id);
    if (seen.has(id) || node === undefined) continue;
    seen.add(id);
    for (const { target } of targetsOf(node)) queue.push(target);
  }
  return seen;
}

/**
 * A node on a cycle that never waits for the customer (no ask or confirm on it): such a loop only
 * stops at the step limit. Returns one node of each such cycle found.
 */
export function busyLoops(flow: FlowDefinition): string[] {
  const waits = (id: string) => {
    const type = nodeAt(flow, id)?.type;
    return type === 'ask' || type === 'confirm';
  };
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    const node = nodeAt(flow, id);
    for (const { target } of node ? targetsOf(node) : []) {
      if (waits(target) || nodeAt(flow, target) === undefined) continue;
      const mark = state.get(target);
      if (mark === 'open') found.push(target);
      else if (mark === undefined) visit(target);
    }
    state.set(id, 'done');
  };
  for (const id of Object.keys(flow.nodes)) {
    if (!waits(id) && !state.has(id)) visit(id);
  }
  return found;
}
