import { describe, expect, it } from 'vitest';
import { EntityOptionsError } from './errors.ts';
import { extractEntities } from './extract.ts';
import { validateEntityOptions } from './options.ts';

const orders = (text: string, orderPatterns?: string[]) =>
  extractEntities(text, orderPatterns ? { orderPatterns } : {})
    .filter((e) => e.type === 'order_number')
    .map((e) => e.text);

describe('order numbers', () => {
  it('reads the default letters-then-digits shape', () => {
    expect(orders('订单TD20240301001还没到')).toEqual(['TD20240301001']);
    expect(orders('my order SO-123456 is late')).toEqual(['SO-123456']);
    expect(orders('ｔｄ２０２４０３０１００１')).toEqual(['ｔｄ２０２４０３０１００１']);
  });

  it('reads a digits-only token right after 订单号 / order number', () => {
    expect(orders('订单号：202403011234567')).toEqual(['202403011234567']);
    expect(orders('order number is 88812345')).toEqual(['88812345']);
    expect(orders('订单号13800138000')).toEqual(['13800138000']);
  });

  it('does not read a bare digits string as an order number by default', () => {
    expect(orders('202403011234567')).toEqual([]);
  });

  it('uses only the workspace patterns when given, as whole tokens', () => {
    const patterns = ['JD\\d{10}', '\\d{4}-\\d{4}-\\d{4}'];
    expect(orders('单号JD1234567890和1234-5678-9012', patterns)).toEqual(['JD1234567890', '1234-5678-9012']);
    expect(orders('JD12345678901', patterns)).toEqual([]);
    expect(orders('TD20240301001', patterns)).toEqual([]);
    expect(orders('订单号：88812345', patterns)).toEqual([]);
  });

  it('rejects patterns that are invalid, match nothing or could hang', () => {
    expect(validateEntityOptions({ orderPatterns: ['TD\\d{10}'] })).toEqual([]);
    expect(validateEntityOptions({ orderPatterns: ['(abc'] })[0]).toMatch(
      /orderPatterns\[0\]: not a valid regex/,
    );
    expect(validateEntityOptions({ orderPatterns: ['\\d*'] })[0]).toMatch(/empty string/);
    expect(validateEntityOptions({ orderPatterns: ['(\\d+)+X'] })[0]).toMatch(/nested quantifiers/);
    expect(validateEntityOptions({ orderPatterns: ['(a)\\1'] })[0]).toMatch(/back-references/);
    expect(() => extractEntities('x', { orderPatterns: ['(abc'] })).toThrow(EntityOptionsError);
  });
});
