import { describe, expect, it } from 'vitest';
import { PROTOTYPE_WORDS as WORDS } from '../bot/testKnowledge.ts';
import { extractEntities } from './extract.ts';
import { parseEnNumber, parseEnOrdinal } from './numbers/en.ts';
import { parseZhInteger, zhDigit } from './numbers/zh.ts';

const now = new Date('2026-03-04T10:00:00+08:00');

describe('entities and words that name Object.prototype members', () => {
  it('are not numbers', () => {
    for (const word of WORDS) {
      expect(parseEnNumber(word)).toBeNull();
      expect(parseEnNumber(`twenty ${word}`)).toBeNull();
      expect(parseEnNumber(`a ${word}`)).toBeNull();
      expect(parseEnOrdinal(word)).toBeNull();
      expect(parseEnOrdinal(`twenty-${word}`)).toBeNull();
      expect(zhDigit(word)).toBeUndefined();
      expect(parseZhInteger(word)).toBeNull();
      expect(parseZhInteger(`三${word}`)).toBeNull();
    }
    expect(parseEnNumber('twenty one')).toBe(21);
  });

  it('leave the entities around them as they are', () => {
    const plain = extractEntities('订单 TD20240301001 退款 ¥350，next Monday at 3pm, twenty dollars', {
      now,
    });
    expect(plain.length).toBeGreaterThanOrEqual(4);
    for (const word of WORDS) {
      const text = `${word} 订单 TD20240301001 ${word} 退款 ¥350，next Monday at 3pm, twenty dollars ${word}`;
      const found = extractEntities(text, { now });
      expect(found.map((e) => [e.type, e.text, e.value])).toEqual(
        plain.map((e) => [e.type, e.text, e.value]),
      );
      expect(extractEntities(`${word} ${word.toLowerCase()} ${word}元 ${word} dollars`, { now })).toEqual([]);
    }
  });

  it('work as list values and synonyms', () => {
    const lists = [
      { name: 'product', values: [{ value: 'constructor', synonyms: ['toString', '__proto__'] }] },
    ];
    const found = extractEntities('is the __proto__ or the toString in stock?', { now, lists });
    expect(found.map((e) => e.value)).toEqual([
      { list: 'product', value: 'constructor' },
      { list: 'product', value: 'constructor' },
    ]);
    expect(extractEntities('hasOwnProperty valueOf', { now, lists })).toEqual([]);
  });
});
