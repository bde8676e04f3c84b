import { describe, expect, it } from 'vitest';
import { isLuhnValid } from './luhn.ts';

describe('isLuhnValid', () => {
  it('accepts valid numbers', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('6222021234567890128')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
  });

  it('rejects a changed digit and non-digits', () => {
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
    expect(isLuhnValid('')).toBe(false);
  });
});
