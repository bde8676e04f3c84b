import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RegexThread } from './regexThread.ts';
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
  // budgets far above the work: these tests are about answers, not time, and must hold on a busy machine
  const ample = 30_000;

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
          sent += texts.length;
          // sent together: answers come back to the right callers
          const outcomes = await Promise.all(texts.map((text) => runRegexesAsync(patterns, text, ample)));
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

  it("counts a job's budget from when the thread starts it, not while it waits behind another", async () => {
    const thread = new RegexThread();
    expect(await thread.started).toBe(true);
    // about 2^26 steps of backtracking: far longer than the next job's whole budget, yet finite
    const slow = thread.run([/^(a+)+$/], `${'a'.repeat(26)}b`, ample);
    const quick = thread.run([/b$/], `${'a'.repeat(26)}b`, 20);
    expect(await slow).toEqual({ results: [false] });
    expect(await quick).toEqual({ results: [true] });
    expect(thread.answered).toBe(2);
    thread.end();
  });

  it('ends the thread when a pattern overruns, with the results found before it', async () => {
    const thread = new RegexThread();
    expect(await thread.started).toBe(true);
    const runaway = thread.run([/a/, /!$/, evil, /b!/], evilText, 30);
    const waiting = thread.run([/a/], evilText, ample);
    expect(await runaway).toEqual({ overran: 2, before: [true, true] });
    expect(await waiting).toEqual({ unavailable: true });
    expect(thread.ended).toBe(true);
  });

  it('reports a runaway pattern as timed out and runs the others in a new thread', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const { results, timedOut } = await runRegexesAsync([/a/, evil, /b!/], evilText, 30);
    expect(timedOut).toEqual([1]);
    expect(results).toEqual([true, false, true]);
    // the pattern after it was answered by the new thread
    expect(regexThreadAnswered()).toBe(1);
    // a job waiting behind a runaway is sent again to the next thread
    const waiting = [runRegexesAsync([/a/, evil], evilText, 30), runRegexesAsync([/b!$/], evilText, ample)];
    expect(await Promise.all(waiting)).toEqual([
      { results: [true, false], timedOut: [1] },
      { results: [true], timedOut: [] },
    ]);
    expect(await regexThreadStarted()).toBe(true);
    const answered = regexThreadAnswered();
    expect(await runRegexesAsync([/b!/, /^x/], evilText)).toEqual({ results: [true, false], timedOut: [] });
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('sends a pattern set again after the thread dropped it for newer ones', async () => {
    expect(await regexThreadStarted()).toBe(true);
    const sets = Array.from({ length: 80 }, (_, i) => [new RegExp(`^n${i}$`), /x/]);
    for (const [i, set] of sets.entries()) {
      expect((await runRegexesAsync(set, `n${i}`, ample)).results).toEqual([true, false]);
    }
    const answered = regexThreadAnswered();
    expect((await runRegexesAsync(sets[0] ?? [], 'n0', ample)).results).toEqual([true, false]);
    expect(regexThreadAnswered()).toBe(answered + 1);
  });

  it('does nothing without patterns', async () => {
    expect(await runRegexesAsync([], 'text')).toEqual({ results: [], timedOut: [] });
  });
});
