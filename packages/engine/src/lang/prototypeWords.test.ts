import { describe, expect, it } from 'vitest';
import { PROTOTYPE_WORDS as WORDS } from '../bot/testKnowledge.ts';
import { Analyzer } from './analyzer.ts';
import { splitEnglishWords } from './english.ts';
import { normalizeText } from './normalize.ts';
import { SynonymTable } from './synonyms.ts';
import { toSimplified } from './traditional.ts';
import { TypoCorrector } from './typo.ts';

describe('words that name Object.prototype members', () => {
  it('are split like any other word', () => {
    for (const word of WORDS) {
      expect(splitEnglishWords(word)).toEqual(word.match(/[a-z]+/gi));
      expect(splitEnglishWords(`What is the ${word}?`)).toEqual([
        'What',
        'is',
        'the',
        ...word.match(/[a-z]+/gi)!,
      ]);
    }
    expect(splitEnglishWords("constructor's toString can't")).toEqual([
      'constructor',
      'toString',
      'can',
      'not',
    ]);
  });

  it('are analysed in English and in mixed Chinese text', () => {
    const analyzer = new Analyzer();
    expect(analyzer.analyze('constructor').tokens).toEqual(['constructor']);
    expect(analyzer.analyze('what is the __proto__ of toString').surfaces).toEqual([
      'what',
      'is',
      'the',
      'proto',
      'of',
      'tostring',
    ]);
    for (const word of WORDS) {
      const mixed = analyzer.analyze(`${word} 是什么意思，${word.toUpperCase()}！`);
      expect(mixed.lang).toBe('zh');
      expect(mixed.tokens.length).toBeGreaterThan(2);
      expect(normalizeText(word)).toBe(word.toLowerCase());
      expect(toSimplified(`${word}帐号`)).toBe(`${word}账号`);
    }
  });

  it('work in typo correction and synonym groups', () => {
    const analyzer = new Analyzer({ synonyms: [['builder', 'constructor', 'tostring']] }).withVocabulary(
      new Map([
        ['constructor', 3],
        ['valueof', 2],
      ]),
    );
    expect(analyzer.analyze('the constructor').tokens).toEqual(['the', 'builder']);
    expect(analyzer.analyze('tostring').tokens).toEqual(['builder']);
    const corrector = new TypoCorrector(new Map([['constructor', 1]]));
    expect(corrector.correct('constructr')).toBe('constructor');
    expect(corrector.correct('hasownproperty')).toBe('hasownproperty');
    expect(corrector.has('tostring')).toBe(false);
    expect(new SynonymTable([['__proto__', 'prototype']]).size).toBe(2);
  });
});
