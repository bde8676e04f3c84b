import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regexThreadAnswered, regexThreadStarted, runRegexes, runRegexesInVm } from './runner.ts';

// Built directly, bypassing the static check, to prove the backstop holds on its own. Unstopped, this pattern
// would backtrack 2^40 times: the call returning, with the pattern reported, is the proof.
const evil = /^(a+)+$/;
const evilText = `${'a'.repeat(40)}b!`;

describe('runRegexes in the regex thread', () => {
  it('tests every pattern against the text', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const { results, timedOut } = runRegexes([/验证码/, /refund/i, /^x/], '请把验证码发给我 REFUND');
    expect(results).toEqual([true, true, false]);
    expect(timedOut).toEqual([]);
  });

  it('answers as the patterns themselves do, for any text', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    const patterns = [/(.)\1{3,}/u, /\b(send|tell)\s(me|us)\b/iu, /^退款/u, /\d{4}$/, /a.c/s, /^b/m];
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'b', 'c', '\n', ' ', '1', '退', '款', 'send', 'me', 'Tell', 'us'),
        }),
        (text) => {
          const { results, timedOut } = runRegexes(patterns, text);
          expect(timedOut).toEqual([]);
          expect(results).toEqual(patterns.map((p) => p.test(text)));
        },
      ),
      { numRuns: 300 },
    );
    // every one was answered by the thread, none by the vm
    expect(regexThreadAnswered() - answered).toBe(300);
  });

  it('stops a catastrophic pattern at the time limit, runs the others, and then starts a new thread', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const { results, timedOut } = runRegexes([/a/, evil, /b!/], evilText, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
    // the ended thread is replaced; meanwhile the vm answers
    expect(runRegexes([/b!/, /^a/], evilText)).toEqual({ results: [true, true], timedOut: [] });
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    expect(runRegexes([/b!/, /^x/], evilText)).toEqual({ results: [true, false], timedOut: [] });
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('sends a pattern set again when the thread has dropped it for newer ones', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const sets = Array.from({ length: 80 }, (_, i) => [new RegExp(`^n${i}$`), /x/]);
    for (const [i, set] of sets.entries()) expect(runRegexes(set, `n${i}`).results).toEqual([true, false]);
    expect(runRegexes(sets[0] ?? [], 'n0').results).toEqual([true, false]);
  });

  it('does nothing without patterns', () => {
    expect(runRegexes([], 'text')).toEqual({ results: [], timedOut: [] });
  });
});

describe('runRegexes in the vm (while the thread starts)', () => {
  it('tests every pattern against the text', () => {
    const { results, timedOut } = runRegexesInVm([/验证码/, /refund/i, /^x/], '请把验证码发给我 REFUND');
    expect(results).toEqual([true, true, false]);
    expect(timedOut).toEqual([]);
  });

  it('stops a catastrophic pattern at the time limit and still runs the others', () => {
    const { results, timedOut } = runRegexesInVm([/a/, evil, /b!/], evilText, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
  });
});
