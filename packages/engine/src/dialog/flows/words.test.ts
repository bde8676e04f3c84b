import { describe, expect, it } from 'vitest';
import { isCancel, readCorrection, yesOrNo } from './words.ts';

describe('cancel words', () => {
  it('recognises cancelling in Chinese and English', () => {
    for (const text of [
      '算了',
      '算了吧',
      '不用了，谢谢',
      '取消',
      '不要了',
      '那算了不查了',
      'cancel',
      'Never mind.',
      'stop',
      'forget it',
      'OK, cancel please',
    ]) {
      expect(isCancel(text), text).toBe(true);
    }
  });

  it('does not read requests that mention cancelling as a cancel', () => {
    for (const text of [
      '取消订单',
      '我要取消订单 202611230001',
      'cancel my order',
      '不用了吗？运费多少',
      '202611230001',
      '好的',
    ]) {
      expect(isCancel(text), text).toBe(false);
    }
  });
});

describe('yes and no', () => {
  it('understands yes and no words', () => {
    for (const text of ['是', '是的', '对', '好的', '没错', '嗯嗯', 'yes', 'Yep!', 'correct', 'Yes please']) {
      expect(yesOrNo(text), text).toBe('yes');
    }
    for (const text of ['否', '不对', '不是的', '不', 'no', 'Nope.', 'wrong'])
      expect(yesOrNo(text), text).toBe('no');
  });

  it('leaves other messages alone', () => {
    for (const text of ['不是，是 202611230003', 'no, it is 202611230003', '运费多少', 'yes but later', '']) {
      expect(yesOrNo(text), text).toBeNull();
    }
  });
});

describe('corrections', () => {
  it('strips the denial and the connector', () => {
    expect(readCorrection('不是，是 202611230003')).toEqual({ negated: true, rest: '202611230003' });
    expect(readCorrection("No, it's 202611230003")).toEqual({ negated: true, rest: '202611230003' });
    expect(readCorrection('应该是上海市浦东新区')).toEqual({ negated: false, rest: '上海市浦东新区' });
    expect(readCorrection('notice this')).toEqual({ negated: false, rest: 'notice this' });
  });
});
