import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect.ts';
import { empathyOpening } from './empathy.ts';

describe('empathyOpening', () => {
  it('says nothing for neutral or positive messages', () => {
    expect(empathyOpening(detectEmotion('谢谢'), 'zh')).toBeNull();
    expect(empathyOpening(detectEmotion('What time do you open?'), 'en')).toBeNull();
  });

  it('fits the language and the emotion', () => {
    const zh = empathyOpening(detectEmotion('等了半天还没到'), 'zh');
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).toMatch(/等|急|耽误|跟进|处理/);
    const en = empathyOpening(detectEmotion("I don't understand this bill"), 'en');
    expect(en).toMatch(/confus|explain|walk you|step|clearer/i);
  });

  it('keeps strong apologies for strong anger', () => {
    const strong = empathyOpening({ emotion: 'anger', polarity: 'negative', intensity: 0.95 }, 'zh', {
      seed: 0,
    });
    const mild = empathyOpening({ emotion: 'anger', polarity: 'negative', intensity: 0.3 }, 'zh', {
      seed: 0,
    });
    expect(strong).not.toBe(mild);
  });

  it('varies: never repeats the previous opening and uses fresh ones first', () => {
    const result = detectEmotion('太失望了');
    const used: string[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const opening = empathyOpening(result, 'zh', { used });
      expect(opening).not.toBeNull();
      expect(used).not.toContain(opening);
      used.push(opening!);
    }
    for (let turn = 0; turn < 6; turn++) {
      const opening = empathyOpening(result, 'zh', { used, seed: turn });
      expect(opening).not.toBe(used[used.length - 1]);
      used.push(opening!);
    }
  });
});
