import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { regexThreadAnswered, regexThreadStarted, runRegexes, runRegexesAsync } from './runner.ts';

// Built directly, bypassing the static check, to prove the backstop holds on its own. Unstopped, this pattern
// would backtrack 2^40 times: the call returning, with the pattern reported, is the proof.
const evil = /^(a+)+$/;
const evilText = `${'a'.repeat(40)}b!`;

describe('runRegexes (on the calling thread, in the vm)', () => {
  it('tests every pattern against the text', () => {
    const { results, timedOut } = runRegexes([/验证码/, /refund/i, /^x/], '请把验证码发给我 REFUND');
    expect(results).toEqual([true, true, false]);
    expect(timedOut).toEqual([]);
  });

  it('stops a catastrophic pattern at the time limit and still runs the others', () => {
    const { results, timedOut } = runRegexes([/a/, evil, /b!/], evilText, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
  });

  it('does nothing without patterns', () => {
    expect(runRegexes([], 'text')).toEqual({ results: [], timedOut: [] });
  });
});

describe('runRegexesAsync (in the regex thread)', () => {
  it('tests every pattern against the text in the thread', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    const { results, timedOut } = await runRegexesAsync(
      [/验证码/, /refund/i, /^x/],
      '请把验证码发给我 REFUND',
    );
    expect(results).toEqual([true, true, false]);
    expect(timedOut).toEqual([]);
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('answers as the patterns themselves do, for any text, many at once', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    const patterns = [/(.)\1{3,}/u, /\b(send|tell)\s(me|us)\b/iu, /^退款/u, /\d{4}$/, /a.c/s, /^b/m];
    const words = ['a', 'b', 'c', '\n', ' ', '1', '退', '款', 'send', 'me', 'Tell', 'us'];
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: fc.constantFrom(...words) }), { maxLength: 20 }),
        async (texts) => {
          // sent together: answers come back to the right callers
          sent += texts.length;
          const outcomes = await Promise.all(texts.map((text) => runRegexesAsync(patterns, text)));
          for (const [i, text] of texts.entries()) {
            expect(outcomes[i]).toEqual({ results: patterns.map((p) => p.test(text)), timedOut: [] });
          }
        },
      ),
      { numRuns: 100 },
    );
    // every one was answered by the thread, none by the vm
    expect(regexThreadAnswered() - answered).toBe(sent);
  });

  it('gives up on a catastrophic pattern at the time limit, runs the others, and starts a new thread', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const queued = runRegexesAsync([/b!/], evilText, 30_000);
    const { results, timedOut } = await runRegexesAsync([/a/, evil, /b!/], evilText, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
    // a job sent before it was answered first; one sent after it waiting in the ended thread still gets answered
    expect(await queued).toEqual({ results: [true], timedOut: [] });
    expect(await regexThreadStarted()).toBe(true);
    const waiting = [runRegexesAsync([/a/, evil], evilText, 30), runRegexesAsync([/b!$/], evilText)];
    expect(await Promise.all(waiting)).toEqual([
      { results: [true, false], timedOut: [1] },
      { results: [true], timedOut: [] },
    ]);
    // the next thread answers
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    expect(await runRegexesAsync([/b!/, /^x/], evilText)).toEqual({ results: [true, false], timedOut: [] });
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('sends a pattern set again after the thread dropped it for newer ones', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const sets = Array.from({ length: 80 }, (_, i) => [new RegExp(`^n${i}$`), /x/]);
    for (const [i, set] of sets.entries()) {
      expect((await runRegexesAsync(set, `n${i}`)).results).toEqual([true, false]);
    }
    const answered = regexThreadAnswered();
    expect((await runRegexesAsync(sets[0] ?? [], 'n0')).results).toEqual([true, false]);
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('does nothing without patterns', async () => {
    expect(await runRegexesAsync([], 'text')).toEqual({ results: [], timedOut: [] });
  });
});
