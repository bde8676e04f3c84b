import type { Condition } from './conditionSchema.ts';
import { readPath } from './path.ts';

/** Evaluates a data condition against the template scope. Values compare loosely: 3 equals "3". */
export function evaluate(condition: Condition, scope: Record<string, unknown>): boolean {
  if (condition.all !== undefined) return condition.all.every((c) => evaluate(c, scope));
  if (condition.any !== undefined) return condition.any.some((c) => evaluate(c, scope));
  if (condition.not !== undefined) return !evaluate(condition.not, scope);
  if (condition.var === undefined) return false;
  const actual = readPath(scope, condition.var);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null && actual !== '';
    case 'eq':
      return same(actual, expected);
    case 'neq':
      return !same(actual, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((item) => same(actual, item));
    case 'gt':
      return compare(actual, expected, (a, b) => a > b);
    case 'lt':
      return compare(actual, expected, (a, b) => a < b);
    case 'gte':
      return compare(actual, expected, (a, b) => a >= b);
    case 'lte':
      return compare(actual, expected, (a, b) => a <= b);
    default:
      return false;
  }
}

function same(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === undefined || expected === undefined || actual === null || expected === null) return false;
  if (typeof actual === 'object' || typeof expected === 'object') return false;
  return String(actual) === String(expected);
}

function compare(actual: unknown, expected: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toNumber(actual);
  const b = toNumber(expected);
  return a !== null && b !== null && test(a, b);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return null;
}
