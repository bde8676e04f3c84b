/** A dotted path into flow data: `order.status`, `order.items.0.name`, `order.items.*.name`. */
export const PATH_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z0-9_]+|\*))*$/;

/**
 * The value at `path` in `root`, or undefined. Only own properties are followed, so `constructor` or
 * `__proto__` never reach the prototype. `*` maps the rest of the path over an array.
 */
export function readPath(root: unknown, path: string): unknown {
  return walk(root, path.split('.'));
}

function walk(value: unknown, segments: string[]): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (head === '*') {
    if (!Array.isArray(value)) return undefined;
    return value.map((item) => walk(item, rest)).filter((item) => item !== undefined);
  }
  if (value === null || typeof value !== 'object' || head === undefined) return undefined;
  if (!Object.hasOwn(value, head)) return undefined;
  return walk((value as Record<string, unknown>)[head], rest);
}
