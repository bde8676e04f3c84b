import { describe, expect, it } from 'vitest';
import { EntityOptionsError } from './errors.ts';
import { extractEntities } from './extract.ts';
import type { EntityList } from './types.ts';

const lists: EntityList[] = [
  {
    name: 'product',
    values: [
      { value: 'iPhone 15 Pro', synonyms: ['苹果15pro', 'ip15p'] },
      { value: 'iPhone 15', synonyms: ['苹果15'] },
      { value: 'AirPods', synonyms: ['耳机', 'air pods'] },
    ],
  },
  {
    name: 'city',
    values: [
      { value: '北京', synonyms: ['Beijing', '帝都'] },
      { value: '上海', synonyms: ['Shanghai', '魔都'] },
    ],
  },
];

const found = (text: string) =>
  extractEntities(text, { lists, types: ['list'] }).map((e) => ({ text: e.text, value: e.value }));

describe('list entities', () => {
  it('matches values and synonyms in Chinese and English', () => {
    expect(found('我的苹果15pro耳机坏了，寄到魔都')).toEqual([
      { text: '苹果15pro', value: { list: 'product', value: 'iPhone 15 Pro' } },
      { text: '耳机', value: { list: 'product', value: 'AirPods' } },
      { text: '魔都', value: { list: 'city', value: '上海' } },
    ]);
  });

  it('ignores case, width, spaces and dashes, preferring the longest synonym', () => {
    expect(found('IPHONE-15 PRO and ｉｐｈｏｎｅ１５ and AirPods')).toEqual([
      { text: 'IPHONE-15 PRO', value: { list: 'product', value: 'iPhone 15 Pro' } },
      { text: 'ｉｐｈｏｎｅ１５', value: { list: 'product', value: 'iPhone 15' } },
      { text: 'AirPods', value: { list: 'product', value: 'AirPods' } },
    ]);
  });

  it('matches Latin synonyms only as whole words', () => {
    expect(found('beijingroast')).toEqual([]);
    expect(found('iphone150')).toEqual([]);
    expect(found('shipped to Beijing.')).toEqual([
      { text: 'Beijing', value: { list: 'city', value: '北京' } },
    ]);
  });

  it('folds Traditional Chinese to Simplified', () => {
    expect(found('寄到北京，耳機壞了')).toEqual([
      { text: '北京', value: { list: 'city', value: '北京' } },
      { text: '耳機', value: { list: 'product', value: 'AirPods' } },
    ]);
  });

  it('wins over a number of the same span', () => {
    const sizes: EntityList[] = [{ name: 'size', values: [{ value: '42', synonyms: ['四十二码'] }] }];
    expect(extractEntities('要42', { lists: sizes }).map((e) => e.type)).toEqual(['list']);
  });

  it('rejects an empty list name or value with a clear error', () => {
    expect(() => extractEntities('x', { lists: [{ name: '', values: [] }] })).toThrow(EntityOptionsError);
    expect(() => extractEntities('x', { lists: [{ name: 'p', values: [{ value: ' ' }] }] })).toThrow(
      /non-empty/,
    );
  });
});
