import type { Lang } from '@tandem/protocol';

export type Position = 'right' | 'left';
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;

/** Everything the embedding page tells the widget through its `<script>` tag. */
export interface EmbedConfig {
  /** Origin of the Tandem server: where widget.js itself came from. */
  origin: string;
  workspace: string;
  /** The language asked for by the page (`data-lang`), or null to follow the browser. */
  pageLang: Lang | null;
  name: string | null;
  attributes: Attributes | null;
  position: Position;
}

export interface ParsedAttributes {
  attributes: Attributes | null;
  warnings: string[];
}

// Mirrors the server's rules (customerAttributesSchema) so one bad key cannot break the whole session.
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_ATTRIBUTES = 30;
const MAX_ATTRIBUTE_STRING = 500;
const WORKSPACE_SLUG = /^[a-z0-9][a-z0-9-]{1,63}$/;
const MAX_NAME = 80;

/** Reads a language tag ("zh", "zh-CN", "en-GB", "EN") as one of the widget's languages, or null. */
export function toLang(tag: string | null | undefined): Lang | null {
  const value = tag?.trim().toLowerCase() ?? '';
  if (value === 'zh' || value.startsWith('zh-') || value.startsWith('zh_')) return 'zh';
  if (value === 'en' || value.startsWith('en-') || value.startsWith('en_')) return 'en';
  return null;
}

/**
 * The language the widget starts in: the customer's own earlier choice, else the page's `data-lang`,
 * else the browser's first preferred language (Chinese for any zh-*, English otherwise).
 */
export function chooseLang(
  stored: string | null | undefined,
  pageLang: string | null | undefined,
  browserLanguages: readonly string[],
): Lang {
  const chosen = toLang(stored) ?? toLang(pageLang);
  if (chosen) return chosen;
  const first = browserLanguages.find((tag) => tag.trim() !== '');
  return toLang(first) === 'zh' ? 'zh' : 'en';
}

/** Parses `data-attributes` (a JSON object of strings, numbers and booleans); anything else is dropped. */
export function parseAttributes(raw: string | null | undefined): ParsedAttributes {
  const warnings: string[] = [];
  if (raw == null || raw.trim() === '') return { attributes: null, warnings };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    warnings.push('data-attributes: invalid JSON, ignored');
    return { attributes: null, warnings };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    warnings.push('data-attributes: not a JSON object, ignored');
    return { attributes: null, warnings };
  }
  const attributes: Attributes = {};
  let count = 0;
  for (const [key, value] of Object.entries(parsed)) {
    if (!ATTRIBUTE_NAME.test(key)) {
      warnings.push(`data-attributes: bad name "${key}", ignored`);
      continue;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) {
      warnings.push(`data-attributes: bad value for "${key}", ignored`);
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      warnings.push(`data-attributes: bad value for "${key}", ignored`);
      continue;
    }
    if (count >= MAX_ATTRIBUTES) {
      warnings.push(`data-attributes: more than ${MAX_ATTRIBUTES}, "${key}" ignored`);
      continue;
    }
    attributes[key] = typeof value === 'string' ? value.slice(0, MAX_ATTRIBUTE_STRING) : value;
    count += 1;
  }
  return { attributes: count > 0 ? attributes : null, warnings };
}

export function parsePosition(raw: string | null | undefined): Position {
  return raw?.trim().toLowerCase() === 'left' ? 'left' : 'right';
}

export function parseName(raw: string | null | undefined): string | null {
  const name = raw?.trim() ?? '';
  return name === '' ? null : name.slice(0, MAX_NAME);
}

/** The data-* attributes of the embed tag, read without touching the DOM (testable). */
export interface EmbedTag {
  src: string | null;
  workspace: string | null;
  lang: string | null;
  name: string | null;
  attributes: string | null;
  position: string | null;
}

export type EmbedResult =
  | { ok: true; config: EmbedConfig; warnings: string[] }
  | { ok: false; error: string };

export function readEmbedTag(tag: EmbedTag, pageUrl: string): EmbedResult {
  const workspace = tag.workspace?.trim() ?? '';
  if (!WORKSPACE_SLUG.test(workspace)) {
    return {
      ok: false,
      error: 'data-workspace is missing or invalid (e.g. data-workspace="demo")',
    };
  }
  let origin = 'null';
  try {
    origin = new URL(tag.src ?? '', pageUrl).origin;
  } catch {
    // handled below
  }
  if (origin === 'null') return { ok: false, error: 'cannot tell the server address from the script src' };
  const warnings: string[] = [];
  const pageLang = toLang(tag.lang);
  if (tag.lang && !pageLang) warnings.push(`data-lang="${tag.lang}" is not zh or en, ignored`);
  const parsed = parseAttributes(tag.attributes);
  warnings.push(...parsed.warnings);
  return {
    ok: true,
    warnings,
    config: {
      origin,
      workspace,
      pageLang,
      name: parseName(tag.name),
      attributes: parsed.attributes,
      position: parsePosition(tag.position),
    },
  };
}
