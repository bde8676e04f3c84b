import { assertSafeRegex, UnsafeRegexError } from './safety.ts';

export const MAX_PATTERN_LENGTH = 500;
/** `g` and `y` make a RegExp stateful (lastIndex); `v` and `d` are not needed for matching messages. */
const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);

export interface RegexProblem {
  field: 'regex' | 'flags';
  message: string;
}

/** Why a staff-written pattern cannot be used, or null when it compiles and passes the safety check. */
export function checkRegex(pattern: string, flags = ''): RegexProblem | null {
  const flagProblem = checkFlags(flags);
  if (flagProblem !== null) return { field: 'flags', message: flagProblem };
  const message = patternProblem(pattern, flags);
  return message === null ? null : { field: 'regex', message };
}

function patternProblem(pattern: string, flags: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `the pattern has ${pattern.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`;
  }
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  try {
    assertSafeRegex(pattern, flags);
  } catch (error) {
    if (error instanceof UnsafeRegexError) return `unsafe regular expression: ${error.message}`;
    return `the pattern could not be analysed (${(error as Error).message}); simplify it`;
  }
  return null;
}

function checkFlags(flags: string): string | null {
  const seen = new Set<string>();
  for (const flag of flags) {
    if (!ALLOWED_FLAGS.has(flag)) return `flag "${flag}" is not allowed; use any of i, m, s, u`;
    if (seen.has(flag)) return `flag "${flag}" is repeated`;
    seen.add(flag);
  }
  return null;
}
