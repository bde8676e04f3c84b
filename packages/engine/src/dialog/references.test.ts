import { describe, expect, it } from 'vitest';
import { inOtherScript, onlyReference, withoutPlaceholders } from './references.ts';

const ORDER_CARD = '[订单编号:[订单x]，订单金额:[金额x]，下单时间:[日期x] [时间x]]';

describe('onlyReference', () => {
  it('reads a message that is only an order card, a link or a number', () => {
    expect(onlyReference(ORDER_CARD)).toBe('order');
    expect(onlyReference('[ORDERID_10002340]')).toBe('order');
    expect(onlyReference('订单号 202611230001')).toBe('order');
    expect(onlyReference('my order number is TD20240301001')).toBe('order');
    expect(onlyReference('[链接x]')).toBe('link');
    expect(onlyReference('[链接x] [链接x]')).toBe('link');
    expect(onlyReference('https://shop.example.com/item/123')).toBe('link');
    expect(onlyReference('看看这个 https://shop.example.com/item/123')).toBe('link');
    expect(onlyReference('[数字x]')).toBe('number');
    expect(onlyReference('13800138000')).toBe('number');
    expect(onlyReference('[姓名x]')).toBe('other');
  });

  it('counts a hello around it as nothing asked', () => {
    expect(onlyReference('[链接x] 你好')).toBe('link');
    expect(onlyReference(`${ORDER_CARD} 在吗`)).toBe('order');
    expect(onlyReference('hi [ORDERID_1234567]')).toBe('order');
  });

  it('leaves a question with a reference in it to the matcher', () => {
    for (const text of [
      '[订单x]到哪了',
      `${ORDER_CARD} 什么时候发货`,
      '[链接x] 两个区别是',
      '退货 [链接x]',
      'where is my order',
      '[urgent] help',
      '',
      '😀',
    ]) {
      expect(onlyReference(text), text).toBeNull();
    }
  });
});

describe('withoutPlaceholders', () => {
  it('blanks placeholders (nested ones too) and links, and keeps the words', () => {
    expect(withoutPlaceholders('[订单x]到哪了').trim()).toBe('到哪了');
    expect(withoutPlaceholders(`${ORDER_CARD} 发票抬头能改么`).trim()).toBe('发票抬头能改么');
    expect(withoutPlaceholders('see https://x.example/a?b=1 please').replace(/\s+/g, ' ')).toBe('see please');
    expect(withoutPlaceholders('[urgent] 运费多少')).toBe('[urgent] 运费多少');
  });

  it('stays fast on a long crafted message', () => {
    const started = performance.now();
    withoutPlaceholders(`${'[订单编号:'.repeat(5000)}x`);
    onlyReference(`${'[链接x]'.repeat(5000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('inOtherScript', () => {
  it('is true for letters in neither Chinese nor Latin script', () => {
    expect(inOtherScript('Привет')).toBe(true);
    expect(inOtherScript('こんにちは')).toBe(true);
    expect(inOtherScript('안녕하세요')).toBe(true);
    expect(inOtherScript('héllo')).toBe(false);
    expect(inOtherScript('日本語です')).toBe(false);
    expect(inOtherScript('😀 123')).toBe(false);
  });
});
