import { describe, expect, it } from 'vitest';
import { tokenFeatures, vectorize } from './features.ts';

describe('tokenFeatures', () => {
  it('marks English words after a negator until the clause ends', () => {
    const f = tokenFeatures("i don't like it, really", 'en');
    expect(f).toContain('n:like');
    expect(f).toContain('n:it');
    expect(f).not.toContain('n:really');
    expect(f).toContain('w2:like_it');
    expect(f).toContain('g4:<rea');
  });

  it('adds jieba words to Han character n-grams for Chinese', () => {
    const f = tokenFeatures('快递员态度太差了', 'zh');
    expect(f).toContain('c2:态度');
    expect(f).toContain('z:态度');
    expect(tokenFeatures('快递员态度太差了', 'en').some((x) => x.startsWith('z:'))).toBe(false);
  });

  it('drops mentions, retweet chains and links, keeping one marker', () => {
    const f = tokenFeatures('好开心//@某某用户:转发 http://t.cn/abc @张三 谢谢', 'zh');
    expect(f).toContain('meta:at');
    expect(f.some((x) => x.includes('某某') || x.includes('张三') || x.includes('abc'))).toBe(false);
    expect(f).toContain('c2:谢谢');
  });

  it('hashes into an L2-normalised sparse vector', () => {
    const v = vectorize(['w:a', 'w:b'], new Map([['lex:anger', 2]]), 10);
    const norm = v.values.reduce((s, x) => s + x * x, 0);
    expect(v.ids.length).toBe(3);
    expect(norm).toBeCloseTo(1, 5);
  });
});
