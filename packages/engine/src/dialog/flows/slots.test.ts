import { describe, expect, it } from 'vitest';
import { slotSchema } from './slotSchema.ts';
import { readSlot } from './slots.ts';
import { testContext } from './testSupport.ts';

const ctx = testContext({
  lists: [
    {
      name: 'city',
      values: [
        { value: '上海', synonyms: ['Shanghai', '沪'] },
        { value: '北京', synonyms: ['Beijing'] },
      ],
    },
  ],
});
const ask = { zh: '?', en: '?' };

function slot(entity: string, validate?: Record<string, unknown>) {
  return slotSchema.parse({ name: 'x', entity, validate, prompt: ask, reprompt: ask });
}

function read(entity: string, text: string, validate?: Record<string, unknown>, strict = false) {
  return readSlot(slot(entity, validate), text, ctx, strict);
}

describe('reading slots', () => {
  it('reads order numbers, with or without a cue', () => {
    expect(read('order_number', '我的订单号是202611230001')).toEqual({
      kind: 'value',
      value: '202611230001',
    });
    expect(read('order_number', '202611230001')).toEqual({ kind: 'value', value: '202611230001' });
    expect(read('order_number', 'TD20240301001 please')).toEqual({ kind: 'value', value: 'TD20240301001' });
    expect(read('order_number', '２０２６１１２３０００２')).toEqual({
      kind: 'value',
      value: '202611230002',
    });
    expect(read('order_number', '不知道')).toEqual({ kind: 'none' });
  });

  it('checks the pattern on the whole value', () => {
    expect(read('order_number', '2026112300', { pattern: '\\d{12}' })).toEqual({ kind: 'invalid' });
    expect(read('order_number', '202611230001', { pattern: '\\d{12}' })).toEqual({
      kind: 'value',
      value: '202611230001',
    });
  });

  it('reads phones, emails, dates and times', () => {
    expect(read('phone', '我手机 138 0013 8000')).toEqual({ kind: 'value', value: '13800138000' });
    expect(read('email', 'mail me at Li.Lei@Example.com')).toEqual({
      kind: 'value',
      value: 'li.lei@example.com',
    });
    expect(read('date', '明天')).toEqual({ kind: 'value', value: '2026-11-26' });
    expect(read('datetime', '明天下午3点')).toEqual({ kind: 'value', value: '2026-11-26T15:00:00+08:00' });
  });

  it('reads numbers and money within bounds', () => {
    expect(read('number', '要三件', { min: 1, max: 5 })).toEqual({ kind: 'value', value: 3 });
    expect(read('number', '要十件', { min: 1, max: 5 })).toEqual({ kind: 'invalid' });
    expect(read('money', '退 ¥35.5')).toEqual({ kind: 'value', value: 35.5 });
    expect(read('money', '三百块')).toEqual({ kind: 'value', value: 300 });
  });

  it('reads card last four digits and one-time codes', () => {
    expect(read('bank_card_last4', '尾号 6789')).toEqual({ kind: 'value', value: '6789' });
    expect(read('bank_card_last4', '卡号 4111 1111 1111 1111')).toEqual({ kind: 'value', value: '1111' });
    expect(read('bank_card_last4', '123')).toEqual({ kind: 'none' });
    expect(read('otp', '验证码是 482913')).toEqual({ kind: 'value', value: '482913' });
    expect(read('otp', 'code 4829', { pattern: '\\d{6}' })).toEqual({ kind: 'invalid' });
  });

  it('reads choices from options, labels and synonyms', () => {
    const options = [
      { value: 'sms', label: { zh: '短信', en: 'Text message' }, synonyms: ['手机', 'SMS'] },
      { value: 'email', label: { zh: '邮件', en: 'Email' }, synonyms: ['邮箱'] },
    ];
    expect(read('text', '短信', { options })).toEqual({ kind: 'value', value: 'sms' });
    expect(read('text', '发到我邮箱吧', { options })).toEqual({ kind: 'value', value: 'email' });
    expect(read('text', 'text message')).toEqual({ kind: 'value', value: 'text message' });
    expect(read('text', '短信还是邮件', { options })).toEqual({ kind: 'invalid' });
    expect(read('list:channel', 'EMAIL', { options })).toEqual({ kind: 'value', value: 'email' });
  });

  it('reads workspace lists', () => {
    expect(read('list:city', '发到沪')).toEqual({ kind: 'value', value: '上海' });
    expect(read('list:city', 'Beijing please')).toEqual({ kind: 'value', value: '北京' });
    expect(read('list:city', '广州')).toEqual({ kind: 'none' });
  });

  it('takes only unmistakable entities from the utterance that started the flow', () => {
    expect(read('order_number', '查订单202611230001', undefined, true)).toEqual({
      kind: 'value',
      value: '202611230001',
    });
    expect(read('order_number', '202611230001', undefined, true)).toEqual({ kind: 'none' });
    expect(read('text', '我要退货', undefined, true)).toEqual({ kind: 'none' });
    expect(read('otp', '123456', undefined, true)).toEqual({ kind: 'none' });
  });

  it('bounds free text by length', () => {
    expect(read('text', '  坏了  ', { min: 2 })).toEqual({ kind: 'value', value: '坏了' });
    expect(read('text', '坏', { min: 2 })).toEqual({ kind: 'invalid' });
  });
});
