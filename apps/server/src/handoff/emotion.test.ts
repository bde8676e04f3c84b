import { currentEmotion, type EmotionReading, type EmotionTrajectory } from '@tandem/domain';
import { describe, expect, it } from 'vitest';
import { engineAnnotator } from '../services/annotator.ts';
import { presentHandoffEmotion } from './emotion.ts';

/** Readings of real customer messages, a minute apart unless `minutes` says otherwise. */
function trajectory(texts: string[], minutes: number[] = texts.map((_, i) => i)): EmotionTrajectory {
  const history: EmotionReading[] = texts.map((text, i) => {
    const { emotion } = engineAnnotator.annotate(text, null);
    if (!emotion) throw new Error('the annotator always reads an emotion');
    return { ...emotion, at: new Date(Date.UTC(2026, 2, 4, 2, minutes[i])).toISOString() };
  });
  const { at: _at, ...current } = history.at(-1) as EmotionReading;
  return { current, history };
}

describe('the customer’s current emotion', () => {
  it('is the latest reading: after 「等了一个星期还没退款！！！」 it is not calm', () => {
    const t = trajectory(['你好', '我的订单 202611230001 退款到哪了', '等了一个星期还没退款！！！']);
    expect(currentEmotion(t)).toEqual({ current: t.current, heldFrom: null });
    expect(t.current).toMatchObject({ basic: 'anger', polarity: 'negative' });
    const packet = presentHandoffEmotion(t);
    expect(packet).toMatchObject({
      current: t.current,
      latest: t.current,
      heldFrom: null,
      trend: 'worsening',
    });
    expect(packet?.history).toHaveLength(3);
  });

  it('stays angry through a neutral "转人工" or order number right after', () => {
    const t = trajectory(['等了一个星期还没退款！！！太过分了，马上处理！', '转人工', '202611230001']);
    expect(t.current.polarity).toBe('neutral');
    const { current, heldFrom } = currentEmotion(t);
    expect(current).toMatchObject({ basic: 'anger', polarity: 'negative' });
    expect(heldFrom).toBe(t.history[0]?.at);
    const packet = presentHandoffEmotion(t);
    expect(packet?.latest.polarity).toBe('neutral');
    expect(packet?.current.polarity).toBe('negative');
  });

  it('lets a customer calm down: a positive reading, three calm messages, or a quarter of an hour', () => {
    const happy = trajectory([
      'This is ridiculous, I waited a week for my refund!!!',
      'great, thanks a lot!',
      'ok',
    ]);
    expect(currentEmotion(happy).heldFrom).toBeNull();
    expect(currentEmotion(happy).current.polarity).toBe('neutral');

    const calm = trajectory([
      'This is ridiculous, I waited a week for my refund!!!',
      'ok',
      'SO-123456',
      'human',
    ]);
    expect(currentEmotion(calm)).toEqual({ current: calm.current, heldFrom: null });

    const later = trajectory(['This is ridiculous, I waited a week for my refund!!!', 'human'], [0, 20]);
    expect(currentEmotion(later)).toEqual({ current: later.current, heldFrom: null });
  });

  it('is null without readings', () => {
    expect(presentHandoffEmotion(null)).toBeNull();
  });
});
