import { describe, expect, it } from 'vitest';
import { parseZhInteger, parseZhNumber } from './zh.ts';

describe('parseZhNumber', () => {
  it.each([
    ['一百二十三', 123],
    ['十五', 15],
    ['两', 2],
    ['两千', 2000],
    ['三百五十', 350],
    ['一千零五', 1005],
    ['三千零五十', 3050],
    ['二十万', 200_000],
    ['三亿五千万', 350_000_000],
    ['一万亿', 1e12],
    ['壹佰贰拾叁', 123],
    ['二零二六', 2026],
    ['零', 0],
  ])('%s → %d', (text, value) => {
    expect(parseZhNumber(text)).toBe(value);
  });

  it('reads spoken shorthand after a unit as the next unit down', () => {
    expect(parseZhInteger('一万二')).toBe(12_000);
    expect(parseZhInteger('三千五')).toBe(3500);
    expect(parseZhInteger('两百五')).toBe(250);
    expect(parseZhInteger('一千二百三')).toBe(1230);
  });

  it('reads a decimal point', () => {
    expect(parseZhNumber('三点五')).toBe(3.5);
    expect(parseZhNumber('零点二五')).toBe(0.25);
  });

  it('rejects text that is not one well-formed numeral', () => {
    expect(parseZhNumber('千万')).toBeNull();
    expect(parseZhNumber('万一')).toBeNull();
    expect(parseZhNumber('百')).toBeNull();
    expect(parseZhNumber('十百')).toBeNull();
    expect(parseZhNumber('三点')).toBeNull();
    expect(parseZhNumber('')).toBeNull();
  });
});
