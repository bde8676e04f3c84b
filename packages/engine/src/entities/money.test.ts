import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';

const money = (text: string) =>
  extractEntities(text)
    .filter((e) => e.type === 'money')
    .map((e) => ({ text: e.text, value: e.value }));

describe('money', () => {
  it.each([
    ['三百五十块', 350, 'CNY'],
    ['1.2万元', 12_000, 'CNY'],
    ['两千元', 2000, 'CNY'],
    ['一万二块钱', 12_000, 'CNY'],
    ['¥35', 35, 'CNY'],
    ['￥1,299.50', 1299.5, 'CNY'],
    ['RMB 500', 500, 'CNY'],
    ['100 CNY', 100, 'CNY'],
    ['50美元', 50, 'USD'],
    ['$20', 20, 'USD'],
    ['US$ 9.99', 9.99, 'USD'],
    ['twenty dollars', 20, 'USD'],
    ['5 bucks', 5, 'USD'],
    ['€15', 15, 'EUR'],
    ['30欧元', 30, 'EUR'],
    ['£8', 8, 'GBP'],
    ['HK$200', 200, 'HKD'],
    ['200港币', 200, 'HKD'],
    ['1000日元', 1000, 'JPY'],
    ['$5k', 5000, 'USD'],
  ])('%s → %d %s', (text, amount, currency) => {
    expect(money(text)).toEqual([{ text, value: { amount, currency } }]);
  });

  it('reads 毛/角/分 after 块/元', () => {
    expect(money('三块五')).toEqual([{ text: '三块五', value: { amount: 3.5, currency: 'CNY' } }]);
    expect(money('3元5角6分')).toEqual([{ text: '3元5角6分', value: { amount: 3.56, currency: 'CNY' } }]);
    expect(money('十块八毛钱')).toEqual([{ text: '十块八毛钱', value: { amount: 10.8, currency: 'CNY' } }]);
    expect(money('五毛')).toEqual([{ text: '五毛', value: { amount: 0.5, currency: 'CNY' } }]);
    expect(money('50 cents')).toEqual([{ text: '50 cents', value: { amount: 0.5, currency: 'USD' } }]);
  });

  it('does not read the next count as 角: 两块一个 is two yuan each', () => {
    expect(money('两块一个')).toEqual([{ text: '两块', value: { amount: 2, currency: 'CNY' } }]);
  });

  it('does not read 块 as a measure word of things as money', () => {
    expect(money('我要三块蛋糕')).toEqual([]);
  });

  it('finds several amounts in mixed text', () => {
    expect(money('退款¥350，运费10元，另付$20').map((m) => m.value)).toEqual([
      { amount: 350, currency: 'CNY' },
      { amount: 10, currency: 'CNY' },
      { amount: 20, currency: 'USD' },
    ]);
  });

  it('is not money without a currency', () => {
    expect(money('两千')).toEqual([]);
    expect(money('1.2万')).toEqual([]);
  });
});
