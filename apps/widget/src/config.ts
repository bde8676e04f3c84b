import type { Lang, WidgetIdentity } from '@tandem/protocol';

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
  /** `data-attributes`, plus `humanFirst` from `data-human-first`: sent with the session. */
  attributes: Attributes | null;
  /** `data-position`, or null: the workspace's setting (admins choose it in the console) */
  position: Position | null;
  /** `data-elder`: the page asks for (true) or against (false) the elder-friendly mode; null: not said. */
  elder: boolean | null;
  /** `data-customer-id` + `data-customer-signature`, signed by the shop's backend; null: anonymous. */
  identity: WidgetIdentity | null;
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
// a customer id (1-64 of A-Z a-z 0-9 _ . : @ -), a space, its signature (64 hex digits)
const IDENTITY = /^[\w.:@-]{1,64} [\da-f]{64}$/i;

/** Reads a language tag ("zh", "zh-CN", "en-GB", "EN") as one of the widget's languages, or null. */
export function toLang(tag: string | null | undefined): Lang | null {
  const value = tag?.trim().toLowerCase() ?? '';
  if (value === 'zh' || value.startsWith('zh-') || value.startsWith('zh_')) return 'zh';
  if (value === 'en' || value.startsWith('en-') || value.startsWith('en_')) return 'en';
  return null;
}

/**
 * The language the widget starts in: the customer's own earlier choice (while the workspace offers it),
 * else the page's `data-lang` (the page wins over the workspace), else the first of the browser's preferred
 * languages the workspace offers, else English when offered, else the one it offers.
 */
export function chooseLang(
  stored: string | null | undefined,
  pageLang: string | null | undefined,
  browserLanguages: readonly string[],
  offered: readonly Lang[] = ['zh', 'en'],
): Lang {
  const own = toLang(stored);
  const ok = (lang: Lang | null): lang is Lang => !!lang && offered.includes(lang);
  // a browser in neither language: English when it is offered (the international default), else the one offered
  const fallback = offered.includes('en') ? 'en' : (offered[0] ?? 'zh');
  return (ok(own) ? own : toLang(pageLang)) ?? browserLanguages.map(toLang).find(ok) ?? fallback;
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

/** Reads a yes/no data-* attribute: "true"/"1"/"yes"/"on" or present without a value; null when unclear. */
export function parseFlag(raw: string | null | undefined): boolean | null {
  if (raw == null) return null;
  const value = raw.trim().toLowerCase();
  return /^(|true|1|yes|on)$/.test(value) ? true : /^(false|0|no|off)$/.test(value) ? false : null;
}

/**
 * Adds the page's `data-human-first` to the session attributes as `humanFirst` (it wins over a
 * `humanFirst` inside `data-attributes`); the server then routes the customer straight to a person.
 */
export function withHumanFirst(attributes: Attributes | null, humanFirst: boolean | null): Attributes | null {
  if (humanFirst === null) return attributes;
  const merged: Attributes = { ...attributes };
  if (!('humanFirst' in merged) && Object.keys(merged).length >= MAX_ATTRIBUTES) {
    // the page's own setting matters more than the last of thirty data-attributes
    delete merged[Object.keys(merged).at(-1) ?? ''];
  }
  merged.humanFirst = humanFirst;
  return merged;
}

/** Whether customer attributes describe someone aged 60 or over: `ageGroup` "60+", "60-69", "70+"…, or `age`. */
export function isSenior(attributes: Attributes | null): boolean {
  for (const name of ['ageGroup', 'age']) {
    const value = attributes?.[name];
    if (typeof value === 'boolean' || value === undefined) continue;
    // an age group counts by where it starts: "60-69" and "70+" do, "55-64" and "under 60" do not
    if (typeof value === 'string' && /<|under|below|以下|未满/i.test(value)) continue;
    const start = typeof value === 'number' ? value : Number(/\d+/.exec(value)?.[0] ?? Number.NaN);
    if (start >= 60 && start < 150) return true;
  }
  return false;
}

/**
 * Whether the elder-friendly mode is on: the customer's own remembered choice ("1"/"0") first, then
 * the page's `data-elder`, then the workspace's setting (on by default) or the customer attributes (aged
 * 60 or over).
 */
export function elderMode(
  stored: string | null,
  pageElder: boolean | null,
  attributes: Attributes | null,
  workspaceElder = false,
): boolean {
  if (stored === '1' || stored === '0') return stored === '1';
  return pageElder ?? (workspaceElder || isSenior(attributes));
}

/** `data-position`: right or left, or null (not said: the workspace's setting). */
export function parsePosition(raw: string | null | undefined): Position | null {
  const value = raw?.trim().toLowerCase();
  return value === 'left' || value === 'right' ? value : null;
}

export function parseName(raw: string | null | undefined): string | null {
  const name = raw?.trim() ?? '';
  return name === '' ? null : name.slice(0, MAX_NAME);
}

/**
 * Reads `data-customer-id` and `data-customer-signature` (the hex HMAC-SHA256 the shop's backend made):
 * both or neither. Anything unusable is reported in `warnings` and the customer chats anonymously.
 */
export function parseIdentity(customerId = '', signature = '', warnings: string[]): WidgetIdentity | null {
  if (IDENTITY.test(`${customerId} ${signature}`)) return { customerId, signature };
  if (customerId || signature) warnings.push('bad data-customer-id/signature, ignored');
  return null;
}

/** The data-* attributes of the embed tag, read without touching the DOM (testable). */
export interface EmbedTag {
  src: string | null;
  // the script's dataset: data-human-first is humanFirst, data-customer-id customerId…
  workspace?: string | null;
  lang?: string | null;
  name?: string | null;
  attributes?: string | null;
  position?: string | null;
  humanFirst?: string | null;
  elder?: string | null;
  customerId?: string;
  customerSignature?: string;
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
  const identity = parseIdentity(tag.customerId, tag.customerSignature, warnings);
  const humanFirst = parseFlag(tag.humanFirst);
  const elder = parseFlag(tag.elder);
  for (const [name, raw] of [
    ['human-first', tag.humanFirst],
    ['elder', tag.elder],
  ]) {
    if (raw != null && parseFlag(raw) === null)
      warnings.push(`data-${name}="${raw}" is not true or false, ignored`);
  }
  return {
    ok: true,
    warnings,
    config: {
      origin,
      workspace,
      pageLang,
      name: parseName(tag.name),
      attributes: withHumanFirst(parsed.attributes, humanFirst),
      position: parsePosition(tag.position),
      elder,
      identity,
    },
  };
}
