import { describe, expect, it } from 'vitest';
import { OrganizationGuard } from './organizations.ts';

describe('OrganizationGuard', () => {
  const guard = new OrganizationGuard('We ship with SF Express. 我们用京东物流和顺丰发货，支持支付宝。');

  it('finds other companies a question names, in Chinese and English', () => {
    expect(guard.othersIn('how do I reset my Netflix password')).toEqual(['netflix']);
    expect(guard.othersIn('招商银行信用卡怎么还款')).toEqual(['招商银行']);
    expect(guard.othersIn('招商銀行信用卡怎麼還款')).toEqual(['招商银行']);
    expect(guard.othersIn('my AMAZON order')).toEqual(['amazon']);
  });

  it('does not count the companies the workspace itself names', () => {
    expect(guard.othersIn('顺丰到哪了')).toEqual([]);
    expect(guard.othersIn('可以用支付宝吗')).toEqual([]);
    expect(guard.othersIn('is it sent by sf express?')).toEqual([]);
  });

  it('matches whole names: a short name inside a longer one, or inside a word, is not a mention', () => {
    expect(guard.othersIn('京东物流显示到了')).toEqual([]);
    expect(guard.othersIn('京东的客服电话是多少')).toEqual(['京东']);
    expect(guard.othersIn('groups of items, citizens')).toEqual([]);
    expect(guard.othersIn('UPS tracking number')).toEqual(['ups']);
  });

  it('finds nothing in ordinary questions', () => {
    expect(guard.othersIn('我的订单到哪了')).toEqual([]);
    expect(guard.othersIn('where is my order')).toEqual([]);
    expect(guard.othersIn('')).toEqual([]);
  });
});
