import { type Candidate, PRIORITY } from './candidate.ts';
import { foldText } from './fold.ts';
import type { EntityList, ListEntityValue } from './types.ts';

interface TrieNode {
  next: Map<string, TrieNode>;
  hit?: ListEntityValue;
}

export interface CompiledLists {
  root: TrieNode;
  /** Longest key, bounds the walk from each position. */
  depth: number;
}

// Spaces, dashes and dots are ignored on both sides, so "iPhone 15 Pro", "iphone15pro" and "iPhone-15-Pro" meet.
const SEPARATOR = /[\s\-_·・.'’]/;
const LATIN_OR_DIGIT = /[a-z0-9]/;
const MAX_KEY_LENGTH = 100;
const MAX_ENTRIES = 100_000;

/** Builds the synonym trie; returns the problems found instead of throwing so they can be reported together. */
export function compileLists(lists: EntityList[]): { compiled: CompiledLists; problems: string[] } {
  const root: TrieNode = { next: new Map() };
  const problems: string[] = [];
  let depth = 0;
  let entries = 0;
  if (!Array.isArray(lists)) return { compiled: { root, depth }, problems: ['lists: must be an array'] };
  for (const [i, list] of lists.entries()) {
    if (typeof list?.name !== 'string' || list.name.trim() === '' || !Array.isArray(list.values)) {
      problems.push(`lists[${i}]: needs a non-empty name and a values array`);
      continue;
    }
    for (const [j, entry] of list.values.entries()) {
      const where = `lists[${i}] (${list.name}).values[${j}]`;
      if (typeof entry?.value !== 'string' || entry.value.trim() === '') {
        problems.push(`${where}: value must be a non-empty string`);
        continue;
      }
      const synonyms = entry.synonyms ?? [];
      if (!Array.isArray(synonyms) || synonyms.some((s) => typeof s !== 'string')) {
        problems.push(`${where}: synonyms must be an array of strings`);
        continue;
      }
      for (const phrase of [entry.value, ...synonyms]) {
        const key = matchKey(phrase);
        if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
          problems.push(`${where}: "${phrase.slice(0, 20)}" must have 1–${MAX_KEY_LENGTH} letters or digits`);
          continue;
        }
        if (++entries > MAX_ENTRIES) {
          problems.push(`lists: more than ${MAX_ENTRIES} values and synonyms`);
          return { compiled: { root, depth }, problems };
        }
        insert(root, key, { list: list.name, value: entry.value });
        depth = Math.max(depth, key.length);
      }
    }
  }
  return { compiled: { root, depth }, problems };
}

/** Synonyms found in the text, longest per starting position, whole words for Latin letters and digits. */
export function listCandidates(original: string, compiled: CompiledLists): Candidate[] {
  if (compiled.depth === 0) return [];
  const folded = foldText(original, true);
  const chars: string[] = [];
  const index: number[] = [];
  for (let i = 0; i < folded.text.length; i++) {
    const char = folded.text[i] ?? '';
    if (SEPARATOR.test(char)) continue;
    chars.push(char);
    index.push(i);
  }
  const out: Candidate[] = [];
  for (let s = 0; s < chars.length; s++) {
    let node: TrieNode | undefined = compiled.root;
    let best: { end: number; hit: ListEntityValue } | null = null;
    for (let e = s; e < chars.length && e - s < compiled.depth; e++) {
      node = node.next.get(chars[e] ?? '');
      if (node === undefined) break;
      if (node.hit !== undefined && wholeWord(folded.text, index[s] ?? 0, index[e] ?? 0)) {
        best = { end: e, hit: node.hit };
      }
    }
    if (best === null) continue;
    const start = folded.starts[index[s] ?? 0] ?? 0;
    const end = folded.ends[index[best.end] ?? 0] ?? 0;
    out.push({ start, end, priority: PRIORITY.list, data: { type: 'list', value: best.hit } });
  }
  return out;
}

function wholeWord(text: string, first: number, last: number): boolean {
  const firstChar = text[first] ?? '';
  const lastChar = text[last] ?? '';
  if (LATIN_OR_DIGIT.test(firstChar) && LATIN_OR_DIGIT.test(text[first - 1] ?? '')) return false;
  if (LATIN_OR_DIGIT.test(lastChar) && LATIN_OR_DIGIT.test(text[last + 1] ?? '')) return false;
  return true;
}

function matchKey(phrase: string): string {
  return [...foldText(phrase, true).text].filter((c) => !SEPARATOR.test(c)).join('');
}

function insert(root: TrieNode, key: string, hit: ListEntityValue): void {
  let node = root;
  for (let i = 0; i < key.length; i++) {
    const char = key[i] ?? '';
    let child = node.next.get(char);
    if (child === undefined) {
      child = { next: new Map() };
      node.next.set(char, child);
    }
    node = child;
  }
  node.hit ??= hit;
}
