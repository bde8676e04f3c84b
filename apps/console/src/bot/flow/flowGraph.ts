import { type FlowDoc, getIn, isRecord, nodesOf, type Path, setIn } from './flowDocument.ts';

/** A link from a node to another: the field that names it (`next`, `cases.0.next`, `onStatus.404`) and the target. */
export interface Link {
  path: Path;
  field: string;
  target: string;
}

/** The node fields that name another node, as the engine reads them (see `targetsOf` in the engine's graph.ts). */
export function linksOf(node: unknown): Link[] {
  if (!isRecord(node)) return [];
  const out: Link[] = [];
  const add = (path: Path) => {
    const value = getIn(node, path);
    if (typeof value === 'string') out.push({ path, field: path.join('.'), target: value });
  };
  switch (node.type) {
    case 'say':
    case 'set':
      add(['next']);
      break;
    case 'ask':
      add(['next']);
      add(['slot', 'onFail']);
      break;
    case 'confirm':
      add(['yes']);
      add(['no']);
      add(['onFail']);
      break;
    case 'branch':
      if (Array.isArray(node.cases)) for (let i = 0; i < node.cases.length; i++) add(['cases', i, 'next']);
      add(['default']);
      break;
    case 'http':
      add(['next']);
      add(['onError']);
      if (isRecord(node.onStatus)) for (const status of Object.keys(node.onStatus)) add(['onStatus', status]);
      break;
    default:
      break;
  }
  return out;
}

/** Renames a node and every link to it (the start included); the caller checks that the new id is free. */
export function renameNode(doc: FlowDoc, from: string, to: string): FlowDoc {
  const renamed = nodesOf(doc).map(([id, node]): [string, unknown] => {
    let next = node;
    for (const link of linksOf(node)) if (link.target === from) next = setIn(next, link.path, to);
    return [id === from ? to : id, next];
  });
  const withNodes = setIn(doc, ['nodes'], Object.fromEntries(renamed));
  return doc.start === from ? setIn(withNodes, ['start'], to) : withNodes;
}

/** The node ids a node's links lead to that do not exist. */
export function missingTargets(doc: FlowDoc, node: unknown): string[] {
  const ids = new Set(nodesOf(doc).map(([id]) => id));
  return linksOf(node)
    .map((link) => link.target)
    .filter((target) => !ids.has(target));
}
