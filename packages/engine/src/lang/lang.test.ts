import { describe, expect, it } from 'vitest';
import { Analyzer } from './analyzer.ts';
import { detectLanguage } from './detect.ts';
import { clampLength, normalizeText } from './normalize.ts';
import { toSimplified } from './traditional.ts';
import { editDistance, TypoCorrector } from './typo.ts';
import { UserDictionary } from './userDictionary.ts';

describe('normalizeText', () => {
  it('folds full width, case and spaces', () => {
    expect(normalizeText('  ＨＥＬＬＯ　Ｗｏｒｌｄ１２３  ')).toBe('hello world123');
  });

  it('drops control characters, replacement characters and lone surrogates', () => {
    expect(normalizeText('a\u0000b\uFFFDc\uD800d')).toBe('a b c d');
  });

  it('clamps long text without splitting a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀`;
    expect(clampLength(text, 10)).toBe('a'.repeat(9));
    expect(clampLength('short', 10)).toBe('short');
  });
});

describe('toSimplified', () => {
  it('folds Traditional to Simplified and account variants', () => {
    expect(toSimplified('請問帳號怎麼註冊')).toBe('请问账号怎么注册');
    expect(toSimplified('refund')).toBe('refund');
  });
});

describe('detectLanguage', () => {
  it('tells Chinese, English, mixed and neither apart', () => {
    expect(detectLanguage('我想退款')).toBe('zh');
    expect(detectLanguage('I want a refund')).toBe('en');
    expect(detectLanguage('我的order到哪了')).toBe('zh');
    expect(detectLanguage('👍 123 !!')).toBeNull();
  });
});

describe('UserDictionary', () => {
  it('keeps product names whole and respects Latin word boundaries', () => {
    const dictionary = new UserDictionary(['同行卡', 'Pro']);
    expect(dictionary.split('我的同行卡丢了')).toEqual([
      { text: '我的', term: false },
      { text: '同行卡', term: true },
      { text: '丢了', term: false },
    ]);
    expect(dictionary.split('product pro').filter((s) => s.term)).toEqual([{ text: 'pro', term: true }]);
  });
});

describe('Analyzer', () => {
  it('segments Chinese with the workspace dictionary', () => {
    const plain = new Analyzer().analyze('我的同行卡丢了');
    const custom = new Analyzer({ userDictionary: ['同行卡'] }).analyze('我的同行卡丢了');
    expect(plain.tokens).not.toContain('同行卡');
    expect(custom.tokens).toContain('同行卡');
    expect(custom.lang).toBe('zh');
  });

  it('stems English and splits contractions', () => {
    expect(new Analyzer().analyze("I can't find my orders").tokens).toEqual([
      'i',
      'can',
      'not',
      'find',
      'my',
      'order',
    ]);
  });

  it('maps synonyms, across languages and phrases, to one token', () => {
    const analyzer = new Analyzer({ synonyms: [['退款', '退钱', 'refund', 'money back']] });
    const zh = analyzer.analyze('我要退錢');
    const en = analyzer.analyze('I want my money back');
    const inflected = analyzer.analyze('refunds please');
    expect(zh.tokens).toContain('退款');
    expect(en.tokens).toContain('退款');
    expect(en.tokens).not.toContain('money');
    expect(inflected.tokens[0]).toBe('退款');
  });

  it('keeps emoji and small numbers, folds long numbers into one token', () => {
    const { tokens } = new Analyzer().analyze('order 12345678 arrived in 3 days 😀');
    expect(tokens).toContain('😀');
    expect(tokens).toContain('3');
    expect(tokens).toContain('<num>');
    expect(tokens).not.toContain('12345678');
  });

  it('handles text with nothing to analyse', () => {
    expect(new Analyzer().analyze('   ...!!! ').tokens).toEqual([]);
    expect(new Analyzer().analyze('').lang).toBeNull();
  });

  it('corrects typos towards known words only', () => {
    const analyzer = new Analyzer().withVocabulary(
      new Map([
        ['password', 5],
        ['invoice', 3],
        ['account', 2],
      ]),
    );
    expect(analyzer.analyze('forgot my pasword').surfaces).toContain('password');
    expect(analyzer.analyze('send the invoce').surfaces).toContain('invoice');
    expect(analyzer.analyze('acount').surfaces).toEqual(['account']);
    // Too short or too far: left alone.
    expect(analyzer.analyze('the cat').surfaces).toEqual(['the', 'cat']);
    expect(analyzer.analyze('banana').surfaces).toEqual(['banana']);
    // A 2,000-letter "word" is not a typo of anything (and must not cost seconds).
    expect(analyzer.analyze('x'.repeat(10_000)).surfaces).toEqual(['x'.repeat(2000)]);
  });

  it('reads a 10,000-character message without failing', () => {
    const analysis = new Analyzer().analyze('退款'.repeat(5000));
    expect(analysis.tokens.length).toBeGreaterThan(0);
    expect(analysis.text.length).toBeLessThanOrEqual(2000);
  });
});

describe('editDistance', () => {
  it('counts transpositions as one edit', () => {
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });

  it('prefers the more frequent of equally close words', () => {
    const corrector = new TypoCorrector(
      new Map([
        ['cards', 1],
        ['carts', 9],
      ]),
    );
    expect(corrector.correct('carks')).toBe('carts');
  });
});
