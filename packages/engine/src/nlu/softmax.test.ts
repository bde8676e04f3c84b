import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';
import { rivalsOf } from './softmax.ts';

/** What rivalsOf stands for: a stable sort of every class by score, the first 16, the own class forced in last. */
function bySorting(scores: readonly number[], label: number): number[] {
  const ranked = scores.map((_, c) => c).sort((p, q) => scores[q]! - scores[p]!);
  const list = ranked.slice(0, 16);
  if (!list.includes(label)) list[list.length - 1] = label;
  return list;
}

describe('rivalsOf', () => {
  it('keeps the same rivals in the same order as sorting every class, ties included', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 3000; run++) {
      const classes = 1 + Math.floor(random() * 80);
      // few distinct values make many ties; some runs use continuous scores, some negative zero
      const levels = run % 3 === 0 ? 0 : 1 + Math.floor(random() * 6);
      const scores = Array.from({ length: classes }, () =>
        levels === 0 ? random() * 20 - 10 : Math.floor(random() * levels) - 2 || (random() < 0.5 ? -0 : 0),
      );
      const label = Math.floor(random() * classes);
      expect([...rivalsOf(Float64Array.from(scores), label)], `run ${run}`).toEqual(bySorting(scores, label));
    }
  });

  it('puts the own class last when it is not among the best', () => {
    const scores = Float64Array.from({ length: 40 }, (_, c) => 40 - c);
    const rivals = rivalsOf(scores, 39);
    expect(rivals).toHaveLength(16);
    expect([...rivals.slice(0, 15)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(rivals[15]).toBe(39);
  });
});
