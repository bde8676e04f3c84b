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

  it('only acknowledges, promising nothing, before a reply that does not help yet', () => {
    const promise =
      /跟进|处理|查|核实|解释|说明|理一理|理清|帮您|checking|on it|update|look|explain|walk|fix|help/i;
    for (const emotion of ['impatience', 'anger', 'confusion', 'anxiety', 'frustration'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        for (let seed = 0; seed < 4; seed++) {
          const opening = empathyOpening({ emotion, polarity: 'negative', intensity: 0.5 }, lang, {
            mode: 'acknowledge',
            seed,
          });
          expect(opening, `${emotion} ${lang}`).not.toBeNull();
          expect(opening, `${emotion} ${lang}`).not.toMatch(promise);
        }
      }
    }
  });
});
