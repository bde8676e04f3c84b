import { isSpacedWordChar, keywordForm } from './text.ts';

/** A keyword ready to look for in a message already in `keywordForm`. */
export interface KeywordMatcher {
  key: string;
  /** Latin-script ends must sit on a word boundary, so "sue" does not match "issue". */
  wordStart: boolean;
  wordEnd: boolean;
}

export function compileKeyword(raw: string): KeywordMatcher | null {
  const key = keywordForm(raw);
  if (key === '') return null;
  return { key, wordStart: isSpacedWordChar(key[0]), wordEnd: isSpacedWordChar(key[key.length - 1]) };
}

const PLURAL_ENDINGS = ['s', 'es'];

/**
 * Whether `text` (in keyword form) contains the keyword. An English keyword also matches its plural
 * with "s" or "es" ("safe account" matches "safe accounts").
 */
export function containsKeyword(text: string, keyword: KeywordMatcher): boolean {
  const { key } = keyword;
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
    if (keyword.wordStart && isSpacedWordChar(text[at - 1])) continue;
    const end = at + key.length;
    if (!keyword.wordEnd || !isSpacedWordChar(text[end])) return true;
    if (PLURAL_ENDINGS.some((s) => text.startsWith(s, end) && !isSpacedWordChar(text[end + s.length]))) {
      return true;
    }
  }
  return false;
}
