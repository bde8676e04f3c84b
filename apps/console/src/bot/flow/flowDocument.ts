/**
 * A flow as the form edits it: the document as written (plain JSON, no defaults added). Every change goes
 * through `setIn`, which replaces one value and keeps every other field, known to the form or not.
 */

export type FlowDoc = Record<string, unknown>;
export type Path = ReadonlyArray<string | number>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a path, or undefined. Own properties only: a node named "constructor" is just a name. */
export function getIn(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number') node = node[key];
    else if (isRecord(node) && Object.hasOwn(node, String(key))) node = node[String(key)];
    else return undefined;
  }
  return node;
}

/** A copy with the value at `path` replaced; `undefined` removes an object's field. Other keys keep their order. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  const [key, ...rest] = path;
  if (key === undefined) return next as T;
  if (Array.isArray(value) && typeof key === 'number') {
    const copy = [...value];
    copy[key] = setIn(copy[key], rest, next);
    return copy as T;
  }
  const record: Record<string, unknown> = isRecord(value) ? value : {};
  const name = String(key);
  const child = setIn(Object.hasOwn(record, name) ? record[name] : undefined, rest, next);
  if (child === undefined) {
    const { [name]: _removed, ...others } = record;
    return others as T;
  }
  return Object.fromEntries(
    Object.hasOwn(record, name)
      ? Object.entries(record).map(([k, v]) => [k, k === name ? child : v])
      : [...Object.entries(record), [name, child]],
  ) as T;
}

export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const NODE_TYPES = ['say', 'ask', 'confirm', 'branch', 'http', 'set', 'handover', 'end'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export const isNodeType = (value: unknown): value is NodeType =>
  typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);

export const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function nodesOf(doc: FlowDoc): Array<[string, unknown]> {
  return isRecord(doc.nodes) ? Object.entries(doc.nodes) : [];
}

const blank = () => ({ zh: '', en: '' });

/** A new node of a type: its required texts empty, its next node not chosen yet (the form shows what is missing). */
export function nodeTemplate(type: NodeType): Record<string, unknown> {
  switch (type) {
    case 'say':
      return { type, text: blank() };
    case 'ask':
      return {
        type,
        slot: { name: '', entity: 'text', prompt: blank(), reprompt: blank() },
      };
    case 'confirm':
      return { type, text: blank() };
    case 'branch':
      return { type, cases: [{ when: { var: '', op: 'eq', value: '' } }] };
    case 'http':
      return { type, method: 'GET', url: '' };
    case 'set':
      return { type, values: {} };
    case 'handover':
      return { type, reason: '' };
    case 'end':
      return { type };
  }
}

/** A node id not taken yet: ask_1, ask_2, … */
export function freeNodeId(doc: FlowDoc, type: string): string {
  const taken = new Set(nodesOf(doc).map(([id]) => id));
  let n = 1;
  while (taken.has(`${type}_${n}`)) n += 1;
  return `${type}_${n}`;
}

export function addNode(doc: FlowDoc, type: NodeType): { doc: FlowDoc; id: string } {
  const id = freeNodeId(doc, type);
  return { doc: setIn(doc, ['nodes', id], nodeTemplate(type)), id };
}

export function removeNode(doc: FlowDoc, id: string): FlowDoc {
  return setIn(doc, ['nodes', id], undefined);
}

/** Moves a node up (-1) or down (+1) in the list: the order is only for people, the links decide the path. */
export function moveNode(doc: FlowDoc, id: string, delta: -1 | 1): FlowDoc {
  const entries = nodesOf(doc);
  const from = entries.findIndex(([key]) => key === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= entries.length) return doc;
  const reordered = [...entries];
  const [moved] = reordered.splice(from, 1);
  if (moved) reordered.splice(to, 0, moved);
  return setIn(doc, ['nodes'], Object.fromEntries(reordered));
}

/**
 * Another type for a node: the new type's fields, keeping the text and the next node when the new type has
 * them too. Fields of the old type are dropped (they would be unknown to the new one).
 */
export function changeType(node: unknown, type: NodeType): Record<string, unknown> {
  const fresh = nodeTemplate(type);
  const old = isRecord(node) ? node : {};
  if (['say', 'confirm', 'handover', 'end'].includes(type) && isRecord(old.text)) fresh.text = old.text;
  if (['say', 'ask', 'http', 'set'].includes(type) && typeof old.next === 'string') fresh.next = old.next;
  return fresh;
}
