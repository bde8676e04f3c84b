import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';

const now = new Date('2026-03-04T10:00:00+08:00');

describe('extractEntities', () => {
  it('finds every kind in one customer message, with offsets into the original text', () => {
    const text =
      '你好，订单TD20240301001退款¥350，明天下午三点打我电话138 0013 8000，或发邮件到 li@example.com，卡号6222021234567890128';
    const entities = extractEntities(text, { now });
    expect(entities.map((e) => [e.type, e.text])).toEqual([
      ['order_number', 'TD20240301001'],
      ['money', '¥350'],
      ['datetime', '明天下午三点'],
      ['phone', '138 0013 8000'],
      ['email', 'li@example.com'],
      ['bank_card', '6222021234567890128'],
    ]);
    for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
  });

  it('keeps offsets right after full-width and astral characters', () => {
    const text = '😀😀ｆｕｌｌ：１３８００１３８０００，℃好';
    const [phone] = extractEntities(text, { now });
    expect(phone?.type).toBe('phone');
    expect(text.slice(phone!.start, phone!.end)).toBe('１３８００１３８０００');
  });

  it('reads Traditional Chinese as Simplified, keeping the original text', () => {
    const [entity] = extractEntities('下禮拜一下午三點半', { now });
    expect(entity).toMatchObject({
      type: 'datetime',
      text: '下禮拜一下午三點半',
      value: { iso: '2026-03-09T15:30:00+08:00' },
    });
    expect(extractEntities('兩千塊', { now })).toMatchObject([{ type: 'money', value: { amount: 2000 } }]);
  });

  it('reports no overlapping or duplicate entities', () => {
    const entities = extractEntities('13800138000 13800138000 下午3点到5点 ¥1.2万 11010519491231002X', {
      now,
    });
    expect(entities.map((e) => e.type)).toEqual(['phone', 'phone', 'datetime', 'money', 'id_number']);
    for (let i = 1; i < entities.length; i++) {
      expect(entities[i]!.start).toBeGreaterThanOrEqual(entities[i - 1]!.end);
    }
  });

  it('prefers the more specific reading of the same span', () => {
    expect(extractEntities('13800138000', { now }).map((e) => e.type)).toEqual(['phone']);
    expect(extractEntities('11010519491231002X', { now }).map((e) => e.type)).toEqual(['id_number']);
    expect(extractEntities('+86 138 0013 8002', { now }).map((e) => e.type)).toEqual(['phone']);
    expect(extractEntities('RMB1000000', { now }).map((e) => e.type)).toEqual(['money']);
    expect(extractEntities('订单号6222021234567890128', { now }).map((e) => e.type)).toEqual([
      'order_number',
    ]);
  });

  it('reports only the requested types', () => {
    expect(extractEntities('明天 ¥5 13800138000', { now, types: ['money'] }).map((e) => e.text)).toEqual([
      '¥5',
    ]);
  });

  it('never throws on garbage, emoji, lone surrogates or empty text', () => {
    const garbage = [
      '',
      ' ',
      '\u0000\u0001',
      '\uD800abc\uDFFF',
      '🤖🎉👍🏽👨‍👩‍👧',
      '(((()))',
      '@@@',
      '+++---',
      '点点点',
      '第第第',
    ];
    for (const text of garbage) expect(() => extractEntities(text, { now })).not.toThrow();
    expect(extractEntities('🤖🎉👍🏽', { now })).toEqual([]);
  });

  it('handles 10k characters of adversarial input (speed is measured by the benchmark, not here)', () => {
    const inputs = [
      '1'.repeat(10_000),
      '1 '.repeat(5000),
      '+1 '.repeat(3333),
      `${'a'.repeat(70)}@`.repeat(140),
      `a@${'b.'.repeat(4999)}`,
      '一'.repeat(10_000),
      '周一到'.repeat(3333),
      '明天下午三点退款¥350，电话13800138000，卡号6222021234567890128。'.repeat(200),
    ];
    for (const text of inputs) {
      const entities = extractEntities(text, { now });
      for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    }
    // a money amount, a phone and a card are still found in the repeated realistic message
    const last = extractEntities(inputs.at(-1) as string, { now });
    expect(last.some((e) => e.type === 'bank_card')).toBe(true);
  });
});
