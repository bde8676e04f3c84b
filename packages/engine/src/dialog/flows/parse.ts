import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { checkFlow, type FlowProblem } from './checks.ts';
import { type FlowDefinition, flowSchema } from './schema.ts';

export type ParseFlowResult =
  | { ok: true; flow: FlowDefinition; warnings: FlowProblem[] }
  | { ok: false; errors: FlowProblem[]; warnings: FlowProblem[] };

const MAX_SOURCE = 200_000;
const MAX_DEPTH = 32;

/**
 * Reads and checks a flow definition (JSON or YAML text, or an already parsed value). Every problem
 * comes with the path of the field at fault, e.g. `nodes.ask_order.slot.entity`; the root is "".
 * Warnings (unreachable nodes, loops that never wait, variables never set) do not block saving.
 */
export function parseFlow(source: string | unknown, format?: 'json' | 'yaml'): ParseFlowResult {
  const decoded = typeof source === 'string' ? decode(source, format) : { value: source };
  if ('problem' in decoded) return { ok: false, errors: [decoded.problem], warnings: [] };
  const depthProblem = checkDepth(decoded.value);
  if (depthProblem !== null) return { ok: false, errors: [depthProblem], warnings: [] };
  const parsed = flowSchema.safeParse(decoded.value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(describeIssue), warnings: [] };
  const { errors, warnings } = checkFlow(parsed.data);
  if (errors.length > 0) return { ok: false, errors, warnings };
  return { ok: true, flow: parsed.data, warnings };
}

function decode(source: string, format?: 'json' | 'yaml'): { value: unknown } | { problem: FlowProblem } {
  if (source.length > MAX_SOURCE)
    return { problem: { path: '', message: `longer than ${MAX_SOURCE} characters` } };
  const asJson = format === 'json' || (format === undefined && source.trimStart().startsWith('{'));
  if (asJson) {
    try {
      return { value: JSON.parse(source) };
    } catch (error) {
      return { problem: { path: '', message: `not valid JSON: ${(error as Error).message}` } };
    }
  }
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
  const [first] = doc.errors;
  if (first !== undefined) return { problem: { path: '', message: `not valid YAML: ${first.message}` } };
  try {
    return { value: doc.toJS({ maxAliasCount: 50 }) };
  } catch (error) {
    return { problem: { path: '', message: `not valid YAML: ${(error as Error).message}` } };
  }
}

function checkDepth(value: unknown): FlowProblem | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.depth > MAX_DEPTH) return { path: '', message: `nested deeper than ${MAX_DEPTH} levels` };
    if (item.value !== null && typeof item.value === 'object') {
      for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
    }
  }
  return null;
}

function describeIssue(issue: z.core.$ZodIssue): FlowProblem[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: path === '' ? key : `${path}.${key}`,
      message: 'unknown field',
    }));
  }
  if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
    return [{ path, message: `must be one of ${issue.options.join(', ')}` }];
  }
  return [{ path, message: issue.message }];
}
