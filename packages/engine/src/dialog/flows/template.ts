import { PATH_PATTERN, readPath } from './path.ts';
import type { Lang } from './types.ts';

type Part = { text: string } | { path: string };

const WHOLE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/** Splits `Order {{slots.orderNo}} is {{order.status}}` into literal and path parts; null with a reason when malformed. */
export function parseTemplate(source: string): { parts: Part[] } | { problem: string } {
  const parts: Part[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{{');
    if (open < 0) {
      parts.push({ text: rest });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open) });
    const close = rest.indexOf('}}', open + 2);
    if (close < 0) return { problem: `"{{" at "${preview(rest.slice(open))}" is never closed with "}}"` };
    const path = rest.slice(open + 2, close).trim();
    if (!PATH_PATTERN.test(path)) {
      return {
        problem: `"{{${path}}}" is not a variable path such as {{slots.orderNo}} or {{order.status}}`,
      };
    }
    parts.push({ path });
    rest = rest.slice(close + 2);
  }
  return { parts };
}

/** The paths a template reads, for checks; empty for a malformed template. */
export function templatePaths(source: string): string[] {
  const parsed = parseTemplate(source);
  if ('problem' in parsed) return [];
  return parsed.parts.flatMap((part) => ('path' in part ? [part.path] : []));
}

/**
 * Fills a template as plain text. Values are inserted verbatim (never as markup): the widget renders
 * replies as text, so `<b>` stays `<b>`. `encode` escapes each value, e.g. encodeURIComponent in URLs.
 */
export function renderTemplate(
  source: string,
  scope: Record<string, unknown>,
  lang: Lang,
  encode: (value: string) => string = (value) => value,
): string {
  const parsed = parseTemplate(source);
  if ('problem' in parsed) return source;
  return parsed.parts
    .map((part) => ('text' in part ? part.text : encode(formatValue(readPath(scope, part.path), lang))))
    .join('');
}

/**
 * Fills every string inside a JSON value. A string that is exactly one `{{path}}` keeps the value's
 * type, so `amount: "{{slots.amount}}"` sends a number.
 */
export function renderValue(value: unknown, scope: Record<string, unknown>, lang: Lang): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole?.[1] !== undefined && PATH_PATTERN.test(whole[1]))
      return structuredClone(readPath(scope, whole[1]));
    return renderTemplate(value, scope, lang);
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, scope, lang));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderValue(item, scope, lang)]),
    );
  }
  return value;
}

/** A value as the customer reads it: lists joined, names given in both languages in the reply's, other objects and missing values empty. */
export function formatValue(value: unknown, lang: Lang): string {
  if (value === undefined || value === null) return '';
  if (isBilingual(value)) return value[lang] ?? value[lang === 'zh' ? 'en' : 'zh'] ?? '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    return value
      .map((item) => formatValue(item, lang))
      .filter((item) => item !== '')
      .join(lang === 'zh' ? '、' : ', ');
  }
  return '';
}

/**
 * `{ zh: "顺丰速运", en: "SF Express" }`: a name or term a business system gives in both languages. Shown in
 * the reply's language, so an English reply never carries the Chinese name (and the other way round).
 */
function isBilingual(value: unknown): value is Partial<Record<Lang, string>> {
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  return (
    keys.length > 0 &&
    keys.every((key) => key === 'zh' || key === 'en') &&
    keys.every((key) => typeof record[key] === 'string')
  );
}

function preview(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
