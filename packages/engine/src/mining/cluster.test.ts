import { describe, expect, it } from 'vitest';
import { clusterQuestions } from './cluster.ts';
import { clusterAgreement } from './metrics.ts';

/** A small hand-written labelled fixture: four topics, Chinese and English, several phrasings each. */
const FIXTURE: Array<[string, string]> = [
  ['refund', 'how long does a refund take'],
  ['refund', 'when will I get my refund'],
  ['refund', 'refund still not received after a week'],
  ['refund', 'how many days until the refund arrives'],
  ['refund', 'my refund has not arrived yet'],
  ['invoice', '怎么开发票'],
  ['invoice', '发票怎么开'],
  ['invoice', '可以开增值税发票吗'],
  ['invoice', '我要开发票'],
  ['invoice', '电子发票在哪里下载'],
  ['password', 'I forgot my password'],
  ['password', 'how do I reset my password'],
  ['password', 'password reset link not working'],
  ['password', 'cannot log in, forgot password'],
  ['live', '直播间几点开播'],
  ['live', '今天直播几点开始'],
  ['live', '直播什么时候开始'],
  ['live', '今晚有直播吗几点开播'],
];

describe('clusterQuestions', () => {
  it('finds the topics of a small labelled set, Chinese and English together', () => {
    const texts = FIXTURE.map(([, text]) => text);
    const labels = FIXTURE.map(([label]) => label);
    const result = clusterQuestions(texts, { minClusterSize: 1 });
    const score = clusterAgreement(labels, Array.from(result.assignment));
    expect(score.nmi).toBeGreaterThanOrEqual(0.8);
    expect(score.purity).toBeGreaterThanOrEqual(0.9);
    // every topic is described: typical questions from its members, keywords as written
    for (const cluster of result.clusters) {
      expect(cluster.representatives.length).toBeGreaterThan(0);
      for (const r of cluster.representatives) expect(cluster.members).toContain(r);
      expect(cluster.cohesion).toBeGreaterThan(0);
    }
    const refund = result.clusters.find((c) => c.members.includes(0));
    expect(refund?.keywords).toContain('refund');
  });

  it('gives the same topics for the same input', () => {
    const texts = FIXTURE.map(([, text]) => text);
    const a = clusterQuestions(texts);
    const b = clusterQuestions(texts);
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
  });

  it('returns no topics for no questions', () => {
    const result = clusterQuestions([]);
    expect(result.clusters).toEqual([]);
    expect(result.assignment.length).toBe(0);
  });

  it('leaves a single question unclustered, or makes it a topic of one when asked to', () => {
    expect(clusterQuestions(['where is my parcel']).clusters).toEqual([]);
    expect(Array.from(clusterQuestions(['where is my parcel']).assignment)).toEqual([-1]);
    const one = clusterQuestions(['where is my parcel'], { minClusterSize: 1 });
    expect(one.clusters).toHaveLength(1);
    expect(one.clusters[0]?.representatives).toEqual([0]);
  });

  it('groups repeated questions and keeps one representative per wording', () => {
    const result = clusterQuestions([
      'Where is my parcel?',
      'where is my parcel',
      'WHERE IS MY PARCEL',
      '发票怎么开',
    ]);
    expect(result.clusters).toHaveLength(1);
    expect(result.clusters[0]?.members).toHaveLength(3);
    expect(result.clusters[0]?.representatives).toHaveLength(1);
    expect(result.assignment[3]).toBe(-1);
  });

  it('leaves questions without words unclustered (emoji, punctuation, blanks)', () => {
    const result = clusterQuestions(['😀', '???', '', '   ']);
    expect(result.clusters).toEqual([]);
  });
});

describe('clusterAgreement', () => {
  it('is 1 for the same partition under other names and low for an unrelated one', () => {
    const truth = ['a', 'a', 'b', 'b', 'c', 'c'];
    expect(clusterAgreement(truth, [2, 2, 0, 0, 1, 1])).toEqual({ nmi: 1, ari: 1, purity: 1 });
    const one = clusterAgreement(truth, [0, 0, 0, 0, 0, 0]);
    expect(one.nmi).toBe(0);
    expect(one.ari).toBe(0);
    expect(one.purity).toBeCloseTo(1 / 3);
  });

  it('refuses labels of different lengths', () => {
    expect(() => clusterAgreement(['a'], [])).toThrow();
  });
});

describe('keywords', () => {
  it('never makes a number or an e-mail address a keyword, however often it is repeated', () => {
    const texts = [
      'refund to 13812345678 please',
      'my refund 13812345678 not arrived',
      'refund for 13812345678 still missing',
      'refund order 20260301 zhang.san@example.com',
      'where is my refund 20260301 zhang.san@example.com',
      'I forgot my password',
      'how do I reset my password',
      'password reset link not working',
    ];
    const result = clusterQuestions(texts, { minClusterSize: 2, keywords: 8 });
    const keywords = result.clusters.flatMap((c) => c.keywords);
    expect(keywords).toContain('refund');
    for (const k of keywords) {
      expect(k).not.toMatch(/^[^\p{L}]*$|<num>|@|\*|\p{N}{4,}/u);
      // nor the name in a repeated e-mail address
      expect(['zhang', 'san']).not.toContain(k.toLowerCase());
    }
  });
});
