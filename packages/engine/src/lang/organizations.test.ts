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

  it('does not find names inside everyday words', () => {
    for (const text of [
      '我觉得物流太慢了',
      '适宜家用吗',
      '创建行程',
      '员工行为',
      '尽快手动退款',
      '在短信中通知我',
      '小米粥',
      'how do I redeem points for top-ups',
      'follow-ups on my order',
      'the best buy for a beginner',
    ]) {
      expect(guard.othersIn(text), text).toEqual([]);
    }
    expect(guard.othersIn("what's Amazon's customer service number")).toEqual(['amazon']);
  });

  it('finds nothing in ordinary questions', () => {
    expect(guard.othersIn('我的订单到哪了')).toEqual([]);
    expect(guard.othersIn('where is my order')).toEqual([]);
    expect(guard.othersIn('')).toEqual([]);
  });
});
