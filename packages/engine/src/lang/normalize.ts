const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Control characters and U+FFFD (what invalid UTF-8 decodes to) carry no meaning for matching.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2060\uFEFF\uFFFD]/g;
const SPACES = /\s+/g;

/**
 * Canonical form for matching: well-formed, NFKC (full width → half width, compatibility forms),
 * lower case, control characters removed, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .replace(LONE_SURROGATE, ' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(CONTROL, ' ')
    .replace(SPACES, ' ')
    .trim();
}

/** Longest input the engine reads; the rest of a 10k-character message adds cost, not meaning. */
export const MAX_INPUT_CHARS = 2000;

/** Cuts text to MAX_INPUT_CHARS without splitting a surrogate pair. */
export function clampLength(text: string, max = MAX_INPUT_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
