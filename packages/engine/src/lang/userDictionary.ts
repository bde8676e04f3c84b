import { normalizeText } from './normalize.ts';
import { toSimplified } from './traditional.ts';

interface TrieNode {
  next: Map<string, TrieNode>;
  term: string | null;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** A span of text: either a dictionary term (kept whole) or free text to segment further. */
export interface Span {
  text: string;
  term: boolean;
}

/**
 * A workspace's own words (product names, jargon) that segmentation must keep whole.
 * It is matched before the general segmenter, so workspaces never share or mutate a global dictionary.
 */
export class UserDictionary {
  private readonly root: TrieNode = { next: new Map(), term: null };
  private count = 0;

  constructor(terms: Iterable<string> = []) {
    for (const term of terms) this.add(term);
  }

  get size(): number {
    return this.count;
  }

  add(term: string): void {
    const key = toSimplified(normalizeText(term));
    if (key.length < 2) return;
    let node = this.root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), term: null };
        node.next.set(ch, child);
      }
      node = child;
    }
    if (node.term === null) this.count++;
    node.term = key;
  }

  /** Splits normalised text into dictionary terms (longest match) and the free text between them. */
  split(text: string): Span[] {
    if (this.count === 0) return [{ text, term: false }];
    const chars = Array.from(text);
    const spans: Span[] = [];
    let free = '';
    let i = 0;
    while (i < chars.length) {
      const end = this.matchAt(chars, i);
      if (end > i) {
        if (free) spans.push({ text: free, term: false });
        free = '';
        spans.push({ text: chars.slice(i, end).join(''), term: true });
        i = end;
      } else {
        free += chars[i];
        i++;
      }
    }
    if (free) spans.push({ text: free, term: false });
    return spans;
  }

  private matchAt(chars: string[], start: number): number {
    // A Latin term must not start or end inside a word ("pro" in "product").
    const before = chars[start - 1];
    const first = chars[start] ?? '';
    if (before && !HAN.test(first) && WORD_CHAR.test(before) && !HAN.test(before)) return start;
    let node = this.root;
    let best = start;
    for (let i = start; i < chars.length; i++) {
      const child = node.next.get(chars[i] ?? '');
      if (!child) break;
      node = child;
      if (node.term !== null) {
        const last = chars[i] ?? '';
        const after = chars[i + 1];
        const cutsWord = after !== undefined && !HAN.test(last) && WORD_CHAR.test(after) && !HAN.test(after);
        if (!cutsWord) best = i + 1;
      }
    }
    return best;
  }
}
