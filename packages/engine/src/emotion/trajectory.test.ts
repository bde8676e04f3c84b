import { describe, expect, it } from 'vitest';
import type { EmotionPoint } from './trajectory.ts';
import { summarizeTrajectory } from './trajectory.ts';

const neutral: EmotionPoint = { emotion: 'neutral', basic: 'neutral', polarity: 'neutral', intensity: 0 };
const angry = (intensity: number): EmotionPoint => ({
  emotion: 'anger',
  basic: 'anger',
  polarity: 'negative',
  intensity,
});
const thanks: EmotionPoint = { emotion: 'gratitude', basic: 'joy', polarity: 'positive', intensity: 0.6 };

describe('summarizeTrajectory', () => {
  it('is steady and empty for no messages', () => {
    expect(summarizeTrajectory([])).toMatchObject({
      trend: 'steady',
      peak: null,
      consecutiveNegative: 0,
      last: null,
    });
  });

  it('sees a conversation getting worse', () => {
    const t = summarizeTrajectory([neutral, neutral, angry(0.5), angry(0.8)]);
    expect(t.trend).toBe('worsening');
    expect(t.consecutiveNegative).toBe(2);
    expect(t.peak).toMatchObject({ index: 3, emotion: 'anger', intensity: 0.8 });
  });

  it('sees a conversation getting better', () => {
    const t = summarizeTrajectory([angry(0.9), angry(0.7), neutral, thanks]);
    expect(t.trend).toBe('improving');
    expect(t.consecutiveNegative).toBe(0);
    expect(t.negativeCount).toBe(2);
    expect(t.peak?.index).toBe(0);
  });

  it('is steady when nothing changes', () => {
    expect(summarizeTrajectory([neutral, neutral, neutral]).trend).toBe('steady');
    expect(summarizeTrajectory([angry(0.6), angry(0.6), angry(0.6)]).trend).toBe('steady');
  });

  it('ignores invalid intensities', () => {
    expect(summarizeTrajectory([angry(Number.NaN)]).valences).toEqual([-0]);
  });
});
