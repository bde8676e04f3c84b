import { isKnownTimeZone } from './datetime/zone.ts';
import { EntityOptionsError } from './errors.ts';
import { type CompiledLists, compileLists } from './lists.ts';
import { compileOrderPatterns, DEFAULT_ORDER_PATTERNS } from './orderNumber.ts';
import type { EntityList, EntityOptions, EntityType } from './types.ts';

export const ENTITY_TYPES: readonly EntityType[] = [
  'number',
  'ordinal',
  'percent',
  'money',
  'datetime',
  'phone',
  'email',
  'order_number',
  'id_number',
  'bank_card',
  'list',
];

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export interface CompiledOptions {
  now: Date;
  timeZone: string;
  types: ReadonlySet<EntityType>;
  orderPatterns: RegExp[];
  /** A digits token after 订单号 / order number counts too (only with the default patterns). */
  cuedOrders: boolean;
  lists: CompiledLists | null;
  dayFirst: boolean;
}

// Workspaces pass the same arrays on every message: compile once per array.
const patternCache = new WeakMap<string[], { patterns: RegExp[]; problems: string[] }>();
const listCache = new WeakMap<EntityList[], { compiled: CompiledLists; problems: string[] }>();
const defaultPatterns = compileOrderPatterns(DEFAULT_ORDER_PATTERNS).patterns;

/** Every problem with the options, worded for the admin who set them; empty when they are fine. */
export function validateEntityOptions(options: EntityOptions): string[] {
  return compile(options).problems;
}

/** Checked, compiled options; throws EntityOptionsError listing every problem. */
export function compileOptions(options: EntityOptions): CompiledOptions {
  const { compiled, problems } = compile(options);
  if (problems.length > 0) throw new EntityOptionsError(problems);
  return compiled;
}

function compile(options: EntityOptions): { compiled: CompiledOptions; problems: string[] } {
  const problems: string[] = [];
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) problems.push('now: must be a valid Date');
  const timeZone = options.timezone ?? DEFAULT_TIMEZONE;
  if (!isKnownTimeZone(timeZone))
    problems.push(`timezone: "${timeZone}" is not an IANA zone such as Asia/Shanghai`);
  const types = new Set(options.types ?? ENTITY_TYPES);
  for (const type of types) {
    if (!ENTITY_TYPES.includes(type))
      problems.push(`types: unknown type "${type}" (known: ${ENTITY_TYPES.join(', ')})`);
  }
  let orderPatterns = defaultPatterns;
  const cuedOrders = options.orderPatterns === undefined;
  if (options.orderPatterns !== undefined) {
    if (!Array.isArray(options.orderPatterns)) {
      problems.push('orderPatterns: must be an array of regex sources');
    } else {
      const result = cached(patternCache, options.orderPatterns, compileOrderPatterns);
      orderPatterns = result.patterns;
      problems.push(...result.problems);
    }
  }
  let lists: CompiledLists | null = null;
  if (options.lists !== undefined) {
    const result = Array.isArray(options.lists)
      ? cached(listCache, options.lists, compileLists)
      : compileLists(options.lists);
    lists = result.compiled;
    problems.push(...result.problems);
  }
  const compiled = {
    now,
    timeZone,
    types,
    orderPatterns,
    cuedOrders,
    lists,
    dayFirst: options.dayFirst === true,
  };
  return { compiled, problems };
}

function cached<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    cache.set(key, value);
  }
  return value;
}
