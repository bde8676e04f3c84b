import { type Document, isMap, isNode, isScalar, isSeq, type Node, parseDocument, stringify } from 'yaml';
import type { DefinitionFormat } from '../../api.ts';
import { type FlowDoc, isRecord, sameJson } from './flowDocument.ts';

export type Decoded = { ok: true; doc: FlowDoc } | { ok: false; message: string };

/** Reads a flow's text as the server does (unique keys, few aliases); a flow is a mapping. */
export function decodeFlow(source: string, format: DefinitionFormat): Decoded {
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(source);
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  } else {
    const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
    const [first] = doc.errors;
    if (first !== undefined) return { ok: false, message: first.message };
    try {
      value = doc.toJS({ maxAliasCount: 50 });
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
  return isRecord(value) ? { ok: true, doc: value } : { ok: false, message: 'not a mapping of fields' };
}

/** The indentation a JSON text was written with (2 when it has none to go by). */
const jsonIndent = (source: string) => /\n([ \t]+)"/.exec(source)?.[1] ?? 2;

/**
 * The flow as text. `previous` is the text it was read from: when nothing changed it is returned as it
 * was; a YAML text keeps its comments, styles and key order wherever its values did not change.
 */
export function encodeFlow(
  doc: FlowDoc,
  format: DefinitionFormat,
  previous?: { source: string; format: DefinitionFormat },
): string {
  if (previous && previous.format === format) {
    const before = decodeFlow(previous.source, format);
    if (before.ok && sameJson(before.doc, doc)) return previous.source;
  }
  if (format === 'json') return `${JSON.stringify(doc, null, jsonIndent(previous?.source ?? ''))}\n`;
  if (previous?.format === 'yaml') {
    const yaml = parseDocument(previous.source, { uniqueKeys: true });
    if (yaml.errors.length === 0 && isMap(yaml.contents)) {
      yaml.contents = patch(yaml, yaml.contents, doc) as typeof yaml.contents;
      return yaml.toString({ lineWidth: 0 });
    }
  }
  return stringify(doc, { lineWidth: 0 });
}

/** Same value as before (compared as JSON, so "404" and "409" keys sort alike): kept as it was written. */
function unchanged(doc: Document, node: Node, value: unknown): boolean {
  try {
    return sameJson(node.toJS(doc), value);
  } catch {
    return false;
  }
}

const keyOf = (key: unknown) => (isScalar(key) ? String(key.value) : String(key));

/** The YAML node with the new value: untouched parts (and their comments) are kept, changed ones replaced. */
function patch(doc: Document, node: unknown, value: unknown): Node {
  if (isNode(node) && unchanged(doc, node, value)) return node;
  if (isMap(node) && isRecord(value)) {
    const pairs = new Map(node.items.map((pair) => [keyOf(pair.key), pair]));
    node.items = Object.entries(value).map(([key, item]) => {
      const pair = pairs.get(key);
      if (!pair) return doc.createPair(key, item);
      pair.value = patch(doc, pair.value, item);
      return pair;
    });
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    node.items = value.map((item, i) => patch(doc, node.items[i], item));
    return node;
  }
  if (isScalar(node) && node.value === value) return node;
  if (isScalar(node) && typeof node.value === 'string' && typeof value === 'string') {
    node.value = value;
    return node;
  }
  return doc.createNode(value);
}
