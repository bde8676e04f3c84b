import { describe, expect, it } from 'vitest';
import { PROTOTYPE_WORDS as WORDS } from '../bot/testKnowledge.ts';
import { detectEmotion } from './detect.ts';
import { type EmotionExample, trainEmotionModel } from './model/train.ts';
import { toBasicEmotion } from './states.ts';

describe('emotion and words that name Object.prototype members', () => {
  it('are not emotion labels', () => {
    for (const word of WORDS) {
      expect(toBasicEmotion(word)).toBeUndefined();
      expect(toBasicEmotion(` ${word.toUpperCase()} `)).toBeUndefined();
    }
    expect(toBasicEmotion(' Angry ')).toBe('anger');
  });

  it('do not change what is detected around them', () => {
    for (const word of WORDS) {
      expect(detectEmotion(`${word}`).emotion).toBe('neutral');
      expect(detectEmotion(`I am furious, the ${word} is broken again!!`).basic).toBe('anger');
      expect(detectEmotion(`${word} 太棒了，谢谢你们`).polarity).toBe('positive');
      expect(detectEmotion(`${word} 我要投诉 ${word}`, { lang: 'zh' }).emotion).toBe('complaint');
    }
  });

  it('train and predict like other words', () => {
    const examples: EmotionExample[] = [
      ...WORDS.map((w) => ({ text: `the ${w} went zorbled`, label: 'anger' as const })),
      ...WORDS.map((w) => ({ text: `a glimmy ${w} today`, label: 'joy' as const })),
      ...WORDS.map((w) => ({ text: `where is the ${w} page`, label: 'neutral' as const })),
    ];
    const model = trainEmotionModel(examples, { epochs: 30, holdout: 0 });
    expect(detectEmotion('it got zorbled', { model }).basic).toBe('anger');
    expect(detectEmotion('constructor glimmy', { model }).basic).toBe('joy');
  });
});
