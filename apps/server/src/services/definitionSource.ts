import { isCollection, isMap, parseDocument } from 'yaml';

export interface SourceChange {
  path: string[];
  value: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The indentation a JSON document was written with (2 when it has none to go by). */
function jsonIndent(source: string): string | number {
  const match = /\n([ \t]+)"/.exec(source);
  return match?.[1] ?? 2;
}

function hasJson(target: Record<string, unknown>, path: string[]): boolean {
  let node: unknown = target;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

function setJson(target: Record<string, unknown>, path: string[], value: unknown): void {
  if (!hasJson(target, path) && Array.isArray(value) && value.length === 0) return;
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1) as string] = value;
}

/** Lists of lists (synonym groups) read best one group per line: `- [退款, 退钱]`. */
function flowInnerLists(node: unknown): void {
  if (!isCollection(node)) return;
  for (const item of node.items) {
    if (isCollection(item)) item.flow = true;
  }
}

/**
 * A definition's source with the values at these paths replaced and everything else as it was written: the
 * other fields keep their values, a YAML document keeps its comments, key order and styles (a list written
 * `[a, b]` stays so), a JSON document its key order and indentation. A path whose value is already the
 * same is left alone, and an empty list is not added where there was none.
 */
export function replaceInSource(source: string, format: 'json' | 'yaml', changes: SourceChange[]): string {
  if (format === 'json') {
    const parsed: unknown = source.trim() === '' ? {} : JSON.parse(source);
    const root = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
    for (const { path, value } of changes) setJson(root, path, value);
    return `${JSON.stringify(root, null, jsonIndent(source))}\n`;
  }
  const doc = parseDocument(source);
  if (doc.errors.length > 0)
    throw new Error(`the stored document is not valid YAML: ${doc.errors[0]?.message}`);
  // an empty document (settings may be `{}` or nothing) becomes a block mapping
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  let changed = false;
  for (const { path, value } of changes) {
    const current = doc.getIn(path, true);
    const before = isCollection(current)
      ? current.toJSON()
      : current === undefined
        ? undefined
        : doc.getIn(path);
    if (same(before, value)) continue;
    if (current === undefined && Array.isArray(value) && value.length === 0) continue;
    const node = doc.createNode(value);
    if (isCollection(node)) {
      node.flow = isCollection(current) ? Boolean(current.flow) : false;
      flowInnerLists(node);
    }
    doc.setIn(path, node);
    changed = true;
  }
  return changed ? doc.toString({ lineWidth: 0, flowCollectionPadding: false }) : source;
}
