/** How long a search result's snippet may be, in characters (code points), ellipses included. */
export const SNIPPET_MAX = 160;

const folded = (chars: readonly string[]) => chars.map((c) => c.toLowerCase());

/** Where `needle` first occurs in `chars`, ignoring case, counted in code points; -1 when it does not. */
function indexOf(chars: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0) return -1;
  const hay = folded(chars);
  const want = folded(needle);
  for (let i = 0; i + want.length <= hay.length; i++) {
    let j = 0;
    while (j < want.length && hay[i + j] === want[j]) j++;
    if (j === want.length) return i;
  }
  return -1;
}

/**
 * Up to `max` characters of `text` around the first match of `needle` (case-insensitive), on one line, with
 * "…" where text was left out; the start of the text when the needle is not found. Never splits a character
 * made of two UTF-16 units (an emoji, a rare Chinese character).
 */
export function snippetAround(text: string, needle: string | undefined, max = SNIPPET_MAX): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  const wanted = Array.from((needle ?? '').replace(/\s+/g, ' ').trim());
  const budget = max - 2; // room for an ellipsis on each side
  const at = Math.max(0, indexOf(chars, wanted));
  const context = Math.floor((budget - Math.min(wanted.length, budget)) / 2);
  const start = Math.min(Math.max(0, at - context), chars.length - budget);
  const end = start + budget;
  return `${start > 0 ? '…' : ''}${chars.slice(start, end).join('')}${end < chars.length ? '…' : ''}`;
}
