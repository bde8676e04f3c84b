import { describe, expect, it } from 'vitest';
import { runRegexes } from './runner.ts';

describe('runRegexes', () => {
  it('tests every pattern against the text', () => {
    const { results, timedOut } = runRegexes([/验证码/, /refund/i, /^x/], '请把验证码发给我 REFUND');
    expect(results).toEqual([true, true, false]);
    expect(timedOut).toEqual([]);
  });

  it('stops a catastrophic pattern at the time limit and still runs the others', () => {
    // Built directly, bypassing the static check, to prove the backstop holds on its own. Unstopped, this
    // pattern would backtrack 2^40 times: the call returning, with the pattern reported, is the proof.
    const evil = /^(a+)+$/;
    const { results, timedOut } = runRegexes([/a/, evil, /b!/], `${'a'.repeat(40)}b!`, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
  });

  it('does nothing without patterns', () => {
    expect(runRegexes([], 'text')).toEqual({ results: [], timedOut: [] });
  });
});
