import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { rulesDocumentSchema } from './schema.ts';
import { unknownFieldMessage } from './schemaParts.ts';
import type { ParseRulesResult, RuleError } from './types.ts';

const MAX_SOURCE = 1_000_000;

/**
 * Reads and checks a rules document: `{ rules: [...] }` (or a bare list of rules) as JSON or YAML text,
 * or an already parsed value. Nothing is half-accepted: on any problem the caller keeps the running
 * version, and every problem names its place, e.g. `rules[2].when.any[0].regex`.
 */
export function parseRules(source: string | unknown, format?: 'json' | 'yaml'): ParseRulesResult {
  const decoded = typeof source === 'string' ? decode(source, format) : { value: source };
  if ('problem' in decoded) return { ok: false, errors: [decoded.problem] };
  const value = Array.isArray(decoded.value) ? { rules: decoded.value } : decoded.value;
  const parsed = rulesDocumentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.flatMap(describeIssue) };
  return { ok: true, rules: parsed.data.rules };
}

function decode(source: string, format?: 'json' | 'yaml'): { value: unknown } | { problem: RuleError } {
  if (source.length > MAX_SOURCE)
    return { problem: { path: '', message: `longer than ${MAX_SOURCE} characters` } };
  const trimmed = source.trimStart();
  const asJson =
    format === 'json' || (format === undefined && (trimmed.startsWith('{') || trimmed.startsWith('[')));
  if (asJson) {
    try {
      return { value: JSON.parse(source) };
    } catch (error) {
      return { problem: { path: '', message: `not valid JSON: ${(error as Error).message}` } };
    }
  }
  try {
    const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true });
    const [first] = doc.errors;
    if (first !== undefined) return { problem: { path: '', message: `not valid YAML: ${first.message}` } };
    return { value: doc.toJS({ maxAliasCount: 50 }) };
  } catch (error) {
    return { problem: { path: '', message: `not valid YAML: ${(error as Error).message}` } };
  }
}

/** `['rules', 2, 'when', 'any', 0, 'regex']` → `rules[2].when.any[0].regex`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): RuleError[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: formatPath([...issue.path, key]),
      message: unknownFieldMessage(key),
    }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}
