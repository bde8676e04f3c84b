import { describe, expect, it } from 'vitest';
import { checkRegex } from './check.ts';
import { runRegexes } from './runner.ts';

/** See the adversarial test below: the one place a test still bounds a time. */
const BACKTRACKING_BOUND_MS = 5_000;

describe('checkRegex', () => {
  it.each([
    ['(a+)+$', 'nested quantifiers'],
    ['(a|aa)+$', 'alternatives "a" and "aa"'],
    ['(.*a){12}', 'nested quantifiers'],
    ['^(\\w+\\s?)*$', 'nested quantifiers'],
    ['(a|a)*', 'alternatives "a" and "a"'],
    ['(.*)*', 'can also match empty text'],
    ['(a?){25}a{25}', 'can also match empty text'],
    ['(\\w|\\d)+', 'alternatives'],
    ['(x+x+)+y', 'nested quantifiers'],
    ['(a{1,10}){1,10}', 'nested quantifiers'],
  ])('rejects the exponential pattern %s', (pattern, reason) => {
    const problem = checkRegex(pattern);
    expect(problem?.field).toBe('regex');
    expect(problem?.message).toContain('unsafe regular expression');
    expect(problem?.message).toContain(reason);
  });

  it.each([
    '\\d+\\d+x',
    '.*.*=.*',
    'a.*b.*c',
    '\\s*\\s*$',
    '[^a]*[^b]*',
    '\\d+[a-z]?\\d+',
    'a.{0,50}.{0,50}.{0,50}z',
    '(a.{0,40})(b.{0,40})(c.{0,40})',
  ])('rejects the polynomial pattern %s', (pattern) => {
    expect(checkRegex(pattern)?.message).toContain('polynomial time');
  });

  it.each([
    ['验证码.{0,20}发给我', ''],
    ['\\d+-\\d+', ''],
    ['\\w+@\\w+\\.com', 'i'],
    ['(\\d{1,3}\\.){3}\\d{1,3}', ''],
    ['(.)\\1{29,}', ''],
    ['https?://\\S+', ''],
    ['1[3-9]\\d{9}', ''],
    ['^\\s*\\S+\\s*$', ''],
    ['\\b(sue|lawyer|attorney)\\b', 'i'],
    ['(?<order>[A-Z]{2}\\d{8})', ''],
    ['[\\p{Script=Han}]{2,}', 'u'],
    ['(ab|ac)+', ''],
    ['a.{0,50}b.{0,50}c', ''],
    ['\\d{1,3}(,\\d{3})*', ''],
    ['(验证码|校验码|动态码)(发|告诉|报|念|转)(一下|给)?(我|你|他)', ''],
  ])('accepts the ordinary pattern %s', (pattern, flags) => {
    expect(checkRegex(pattern, flags)).toBeNull();
  });

  it('rejects invalid syntax, long patterns and stateful or unknown flags', () => {
    expect(checkRegex('(abc')?.message).toMatch(/^invalid regular expression: .*Unterminated group/);
    expect(checkRegex('a'.repeat(501))?.message).toContain('at most 500');
    expect(checkRegex('a'.repeat(500))).toBeNull();
    expect(checkRegex('abc', 'g')).toEqual({
      field: 'flags',
      message: 'flag "g" is not allowed; use any of i, m, s, u',
    });
    expect(checkRegex('abc', 'ii')?.message).toBe('flag "i" is repeated');
    expect(checkRegex('')?.message).toBe('the pattern is empty');
  });

  it('only accepts patterns that do not backtrack catastrophically on a 2,000-character adversarial message', () => {
    const accepted = [
      '验证码.{0,20}发给我',
      '\\d+-\\d+',
      '^\\s*\\S+\\s*$',
      '(.)\\1{29,}',
      '\\w+@\\w+\\.com',
      'a.{0,50}b.{0,50}c',
      '\\d{1,3}(,\\d{3})*x',
    ];
    for (const pattern of accepted) expect(checkRegex(pattern)).toBeNull();
    const inputs = [
      '验证码'.repeat(667),
      '1'.repeat(2000),
      `${' '.repeat(1999)}!`,
      'a'.repeat(2000),
      'ab'.repeat(1000),
    ];
    // The one bound on time left in the tests: backtracking can only be seen on a clock. It is seconds, not
    // milliseconds (each of these takes at most a few milliseconds; a catastrophic pattern would take minutes
    // to ages), and the runner's watchdog stops a runaway pattern at it instead of hanging the test.
    // How fast is for `npm run bench:rules`.
    for (const pattern of accepted) {
      const re = new RegExp(pattern);
      for (const input of inputs) {
        const { timedOut } = runRegexes([re], input, BACKTRACKING_BOUND_MS);
        expect(timedOut, `${pattern} on ${input.slice(0, 10)}…`).toEqual([]);
      }
    }
  });
});
