import { describe, expect, it } from 'vitest';
import { maskSensitive } from './mask.ts';

describe('maskSensitive', () => {
  it('masks phones, cards, ID numbers and e-mails for logs', () => {
    expect(
      maskSensitive(
        '电话13800138000，卡号6222 0212 3456 7890 128，身份证11010519491231002X，邮箱Alice@Example.com',
      ),
    ).toBe('电话*******8000，卡号**** **** **** ***0 128，身份证******************，邮箱A***@Example.com');
  });

  it('keeps separators and a + sign so the shape stays readable', () => {
    expect(maskSensitive('call +86 138-0013-8000')).toBe('call +** ***-****-8000');
    expect(maskSensitive('card 4111-1111-1111-1111')).toBe('card ****-****-****-1111');
  });

  it('leaves everything else alone', () => {
    const text = '订单TD20240301001明天下午三点送到，金额¥350，共3件';
    expect(maskSensitive(text)).toBe(text);
    expect(maskSensitive('')).toBe('');
    expect(maskSensitive('4111 1111 1111 1112')).toBe('4111 1111 1111 1112');
  });

  it('masks only the requested kinds, with the requested character', () => {
    expect(maskSensitive('13800138000 a@b.com', { types: ['email'], maskChar: '#' })).toBe(
      '13800138000 a###@b.com',
    );
  });

  it('is deterministic', () => {
    const text = '身份证11010519491231002X 电话+44 20 7946 0958';
    expect(maskSensitive(text)).toBe(maskSensitive(text));
    expect(maskSensitive(text)).toBe('身份证****************** 电话+** ** **** 0958');
  });

  it('masks full-width digits too', () => {
    expect(maskSensitive('１３８００１３８０００')).toBe('*******８０００');
  });
});
