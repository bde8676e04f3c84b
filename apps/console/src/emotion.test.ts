import { describe, expect, it } from 'vitest';
import { emotionLabel, intensityPercent, isNotable } from './emotion.ts';
import { translate } from './i18n.ts';

const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('zh', key, vars);
const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
  translate('en', key, vars);

describe('emotionLabel', () => {
  it('names known states in both languages', () => {
    expect(emotionLabel({ state: 'anxiety', basic: 'fear' }, zh)).toBe('焦虑');
    expect(emotionLabel({ state: 'threat_to_leave', basic: 'anger' }, en)).toBe('Threatening to leave');
  });

  it('falls back to the basic emotion for a state it does not know', () => {
    expect(emotionLabel({ state: 'melancholy', basic: 'sadness' }, zh)).toBe('悲伤');
  });
});

describe('isNotable', () => {
  it('ignores calm and missing emotions', () => {
    expect(isNotable(null)).toBe(false);
    expect(isNotable({ polarity: 'neutral', basic: 'neutral' })).toBe(false);
    expect(isNotable({ polarity: 'negative', basic: 'anger' })).toBe(true);
    expect(isNotable({ polarity: 'positive', basic: 'joy' })).toBe(true);
  });
});

it('clamps intensity to a percentage', () => {
  expect(intensityPercent(0.734)).toBe(73);
  expect(intensityPercent(1.4)).toBe(100);
  expect(intensityPercent(-1)).toBe(0);
});
