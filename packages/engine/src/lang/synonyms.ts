import { stem } from './english.ts';
import { normalizeText } from './normalize.ts';
import { toSimplified } from './traditional.ts';

/** Splits a normalised term into the words the analyzer would see (Han runs stay whole: they are dictionary terms). */
function termWords(term: string): string[] {
  return term.split(/[\s\-_/]+/).filter((w) => w.length > 0);
}

interface Replacement {
  surface: string;
  token: string;
}

/** Words as the analyzer sees them: surface form (for character n-grams) and matching token (stemmed). */
export interface Words {
  surfaces: string[];
  tokens: string[];
}

/**
 * A workspace's synonym groups (退款 = 退钱 = refund). Every member maps to the group's first member,
 * so they share one token for classification and retrieval. Members match on stems ("refunds" = "refund");
 * multi-word members ("money back") match as phrases.
 */
export class SynonymTable {
  private readonly phrases = new Map<string, Replacement>();
  private maxWords = 1;
  /** Members containing Han characters: the segmenter must keep them whole. */
  readonly hanTerms: string[] = [];

  constructor(groups: Iterable<readonly string[]> = []) {
    for (const group of groups) {
      const members = group.map((m) => toSimplified(normalizeText(m))).filter((m) => m.length > 0);
      const canonical = members[0];
      if (canonical === undefined) continue;
      const words = termWords(canonical);
      const replacement = { surface: words.join(' '), token: words.map(stem).join('_') };
      for (const member of members) {
        const memberWords = termWords(member);
        this.phrases.set(memberWords.map(stem).join(' '), replacement);
        this.maxWords = Math.max(this.maxWords, memberWords.length);
        if (/\p{Script=Han}/u.test(member)) this.hanTerms.push(member);
      }
    }
  }

  get size(): number {
    return this.phrases.size;
  }

  /** Replaces every member found in the word sequence by its group's canonical word (longest phrase first). */
  apply(words: Words): Words {
    if (this.phrases.size === 0) return words;
    const { tokens, surfaces } = words;
    const out: Words = { surfaces: [], tokens: [] };
    let i = 0;
    while (i < tokens.length) {
      let step = 0;
      for (let n = Math.min(this.maxWords, tokens.length - i); n >= 1 && step === 0; n--) {
        const replacement = this.phrases.get(tokens.slice(i, i + n).join(' '));
        if (replacement) {
          out.surfaces.push(replacement.surface);
          out.tokens.push(replacement.token);
          step = n;
        }
      }
      if (step === 0) {
        out.surfaces.push(surfaces[i]!);
        out.tokens.push(tokens[i]!);
        step = 1;
      }
      i += step;
    }
    return out;
  }
}
