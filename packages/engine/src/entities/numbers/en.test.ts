import { describe, expect, it } from 'vitest';
import { parseEnNumber, parseEnOrdinal } from './en.ts';

describe('parseEnNumber', () => {
  it.each([
    ['twenty-one', 21],
    ['seventeen', 17],
    ['a hundred', 100],
    ['one hundred and five', 105],
    ['two thousand three hundred', 2300],
    ['three million', 3_000_000],
    ['one hundred thousand', 100_000],
    ['Zero', 0],
  ])('%s → %d', (text, value) => {
    expect(parseEnNumber(text)).toBe(value);
  });

  it('rejects word sequences that are not one number', () => {
    expect(parseEnNumber('one two')).toBeNull();
    expect(parseEnNumber('a')).toBeNull();
    expect(parseEnNumber('thousand million')).toBeNull();
    expect(parseEnNumber('zero one')).toBeNull();
    expect(parseEnNumber('banana')).toBeNull();
  });
});

describe('parseEnOrdinal', () => {
  it.each([
    ['first', 1],
    ['third', 3],
    ['twelfth', 12],
    ['twentieth', 20],
    ['twenty-first', 21],
    ['hundredth', 100],
  ])('%s → %d', (text, value) => {
    expect(parseEnOrdinal(text)).toBe(value);
  });

  it('rejects words that only end like an ordinal', () => {
    expect(parseEnOrdinal('month')).toBeNull();
    expect(parseEnOrdinal('north')).toBeNull();
  });
});
