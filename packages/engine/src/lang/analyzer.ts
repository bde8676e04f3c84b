import type { Lang } from '../bot/types.ts';
import { segmentHan } from './chinese.ts';
import { detectLanguage } from './detect.ts';
import { splitEnglishWords, stem } from './english.ts';
import { clampLength, normalizeText } from './normalize.ts';
import { SynonymTable } from './synonyms.ts';
import { toSimplified } from './traditional.ts';
import { TypoCorrector } from './typo.ts';
import { UserDictionary } from './userDictionary.ts';

export interface AnalyzerOptions {
  /** workspace words kept whole by segmentation (product names, jargon) */
  userDictionary?: Iterable<string>;
  /** groups of words that mean the same (退款 = 退钱 = refund) */
  synonyms?: Iterable<readonly string[]>;
}

export interface Analysis {
  lang: Lang | null;
  /** normalised, Simplified text */
  text: string;
  /** words as written (after typo correction and synonyms), for character n-grams */
  surfaces: string[];
  /** matching tokens: surfaces with English words stemmed */
  tokens: string[];
}

// Han runs | other letters (with inner apostrophes) | numbers | emoji.
const RUNS =
  /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{M}])+(?:['’](?:(?!\p{Script=Han})\p{L})+)?)|(\p{N}+(?:[.,:]\p{N}+)*)|(\p{Extended_Pictographic})/gu;
const LATIN_WORD = /^[a-z]+$/;

/** Numbers: small ones are meaningful (7 days, 3 items); long ones are identifiers (orders, phones) and share one token. */
function numberToken(digits: string): string {
  return digits.replace(/\D/g, '').length <= 4 ? digits : '<num>';
}

/**
 * Text → words for one workspace: normalisation, Traditional → Simplified, user dictionary, Chinese
 * segmentation, English words + stemming, typo correction against known words, synonyms.
 */
export class Analyzer {
  private readonly dictionary: UserDictionary;
  private readonly synonyms: SynonymTable;
  private readonly corrector: TypoCorrector | null;
  readonly options: AnalyzerOptions;

  constructor(options: AnalyzerOptions = {}, corrector: TypoCorrector | null = null) {
    this.options = options;
    this.synonyms = new SynonymTable(options.synonyms ?? []);
    this.dictionary = new UserDictionary([...(options.userDictionary ?? []), ...this.synonyms.hanTerms]);
    this.corrector = corrector;
  }

  /** The same analyzer that also corrects typos towards these known words (word → frequency). */
  withVocabulary(words: Map<string, number>): Analyzer {
    return new Analyzer(this.options, new TypoCorrector(words));
  }

  analyze(input: string): Analysis {
    const text = toSimplified(normalizeText(clampLength(input)));
    const surfaces: string[] = [];
    for (const span of this.dictionary.split(text)) {
      if (span.term) surfaces.push(span.text);
      else this.splitRuns(span.text, surfaces);
    }
    const tokens = surfaces.map((s) => (LATIN_WORD.test(s) ? stem(s) : s));
    const words = this.synonyms.apply({ surfaces, tokens });
    return { lang: detectLanguage(text), text, surfaces: words.surfaces, tokens: words.tokens };
  }

  /** Latin words as written in the text, for building the typo vocabulary. */
  static latinWords(analysis: Analysis): string[] {
    return analysis.surfaces.filter((s) => LATIN_WORD.test(s));
  }

  private splitRuns(text: string, out: string[]): void {
    for (const match of text.matchAll(RUNS)) {
      const [, han, letters, digits, emoji] = match;
      if (han) out.push(...segmentHan(han));
      else if (letters) {
        for (const word of splitEnglishWords(letters)) {
          out.push(this.corrector && LATIN_WORD.test(word) ? this.corrector.correct(word) : word);
        }
      } else if (digits) out.push(numberToken(digits));
      else if (emoji) out.push(emoji);
    }
  }
}
