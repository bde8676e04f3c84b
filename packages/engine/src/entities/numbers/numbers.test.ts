import { describe, expect, it } from 'vitest';
import { extractEntities } from '../extract.ts';
import type { EntityType } from '../types.ts';

const TYPES: EntityType[] = ['number', 'ordinal', 'percent'];
const found = (text: string) =>
  extractEntities(text, { types: TYPES }).map((e) => ({ type: e.type, text: e.text, value: e.value }));

describe('numbers, ordinals and percentages', () => {
  it('reads digits, thousands separators, decimals and multipliers', () => {
    expect(found('买了3件，共1,299.50，库存1.2万，预算5k')).toEqual([
      { type: 'number', text: '3', value: 3 },
      { type: 'number', text: '1,299.50', value: 1299.5 },
      { type: 'number', text: '1.2万', value: 12_000 },
      { type: 'number', text: '5k', value: 5000 },
    ]);
  });

  it('reads Chinese numerals with units and counts', () => {
    expect(found('要一百二十三个，两件，十五天')).toEqual([
      { type: 'number', text: '一百二十三', value: 123 },
      { type: 'number', text: '两', value: 2 },
      { type: 'number', text: '十五', value: 15 },
    ]);
  });

  it('does not read numerals inside words as numbers', () => {
    expect(found('看一下，一样，统一，好一点，千万别，万一')).toEqual([]);
  });

  it('reads a lone numeral as an answer', () => {
    expect(found('三')).toEqual([{ type: 'number', text: '三', value: 3 }]);
  });

  it('reads English number words but not the pronoun "one"', () => {
    expect(found('I need twenty-one boxes, not the blue one')).toEqual([
      { type: 'number', text: 'twenty-one', value: 21 },
    ]);
    expect(found('a hundred and five')).toEqual([{ type: 'number', text: 'a hundred and five', value: 105 }]);
  });

  it('reads ordinals in Chinese and English', () => {
    expect(found('第三个，第12位，the 3rd one, twenty-first')).toEqual([
      { type: 'ordinal', text: '第三', value: 3 },
      { type: 'ordinal', text: '第12', value: 12 },
      { type: 'ordinal', text: '3rd', value: 3 },
      { type: 'ordinal', text: 'twenty-first', value: 21 },
    ]);
  });

  it('rejects an ordinal suffix that does not fit the number', () => {
    expect(found('3th')).toEqual([{ type: 'number', text: '3', value: 3 }]);
  });

  it('does not read "a second" as an ordinal', () => {
    expect(found('wait a second')).toEqual([]);
  });

  it('reads percentages', () => {
    expect(found('优惠20%，百分之十五，twenty percent, 3.5 %')).toEqual([
      { type: 'percent', text: '20%', value: 20 },
      { type: 'percent', text: '百分之十五', value: 15 },
      { type: 'percent', text: 'twenty percent', value: 20 },
      { type: 'percent', text: '3.5 %', value: 3.5 },
    ]);
  });

  it('keeps a full-width comma as a list separator, not a thousands separator', () => {
    expect(found('100，200').map((e) => e.value)).toEqual([100, 200]);
  });

  it('leaves long digit strings to identifier types', () => {
    expect(found('6222021234567890128')).toEqual([]);
  });
});
