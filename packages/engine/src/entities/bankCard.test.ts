import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';
import { isLuhnValid } from './luhn.ts';

const now = new Date('2026-03-04T10:00:00+08:00');
const cards = (text: string) =>
  extractEntities(text, { now, types: ['bank_card'] }).map((e) => ({ text: e.text, value: e.value }));

describe('bank card numbers', () => {
  it('reads Luhn-valid numbers, contiguous or grouped', () => {
    expect(cards('卡号6222 0212 3456 7890 128')).toEqual([
      {
        text: '6222 0212 3456 7890 128',
        value: { digits: '6222021234567890128', last4: '0128', brand: 'unionpay' },
      },
    ]);
    expect(cards('card 4111-1111-1111-1111 please')).toEqual([
      { text: '4111-1111-1111-1111', value: { digits: '4111111111111111', last4: '1111', brand: 'visa' } },
    ]);
    expect(cards('amex 378282246310005')[0]?.value).toMatchObject({ brand: 'amex' });
    expect(cards('5500000000000004')[0]?.value).toMatchObject({ brand: 'mastercard' });
  });

  it('does not read a Luhn-invalid number as a card', () => {
    expect(cards('4111 1111 1111 1112')).toEqual([]);
  });

  it('does not read an ID number or a phone as a card, even when they pass Luhn', () => {
    // 310115200012310356 is a valid ID and 8613800138002 a +86 mobile; both happen to pass Luhn.
    expect(cards('310115200012310356')).toEqual([]);
    expect(isLuhnValid('310115200012310356') && isLuhnValid('8613800138002')).toBe(true);
    expect(cards('+86 138 0013 8002')).toEqual([]);
    expect(cards('8613800138002')).toEqual([]);
    expect(extractEntities('310115200012310356', { now }).map((e) => e.type)).toEqual(['id_number']);
  });

  it('rejects runs that are not card-shaped', () => {
    expect(cards('0000000000000000')).toEqual([]);
    expect(cards('1 2 3 4 5 6 7 8 9 0 1 2 3 4')).toEqual([]);
    expect(cards('41111111111111110000000')).toEqual([]);
  });
});
