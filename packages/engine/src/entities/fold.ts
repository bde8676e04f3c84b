import { toSimplified } from '../lang/traditional.ts';

/** Text rewritten for matching, with each UTF-16 unit traced back to the original characters. */
export interface FoldedText {
  text: string;
  /** Original start offset of the character that produced each unit of `text`. */
  starts: number[];
  /** Original end offset (exclusive) of that character. */
  ends: number[];
}

// A full-width comma separates list items in Chinese (100，200); NFKC would turn it into a thousands separator.
const KEEP = new Set(['，']);

/**
 * NFKC per character (full width → half width, ￥ → ¥), Traditional → Simplified Chinese when that keeps
 * the length, optionally lower case, keeping a map back to original offsets.
 */
export function foldText(original: string, lowerCase = false): FoldedText {
  const source = simplifiedSameLength(original);
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < source.length) {
    const code = source.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const char = source.slice(i, i + width);
    let out = code < 0x80 || KEEP.has(char) ? char : char.normalize('NFKC');
    if (lowerCase) out = out.toLowerCase();
    for (let k = 0; k < out.length; k++) {
      starts.push(i);
      ends.push(i + width);
    }
    parts.push(out);
    i += width;
  }
  return { text: parts.join(''), starts, ends };
}

/** Original [start, end) of the folded range [start, end). */
export function originalSpan(folded: FoldedText, start: number, end: number): [number, number] {
  return [folded.starts[start] ?? 0, folded.ends[end - 1] ?? 0];
}

function simplifiedSameLength(text: string): string {
  const simplified = toSimplified(text);
  return simplified.length === text.length ? simplified : text;
}
