import type { BasicEmotion, EmotionResult, EmotionState, Polarity } from './types.ts';

/** The part of a per-message result a conversation keeps (small enough to store on every message). */
export type EmotionPoint = Pick<EmotionResult, 'emotion' | 'basic' | 'polarity' | 'intensity'>;

export type EmotionTrend = 'improving' | 'steady' | 'worsening';

/** Where a conversation's emotion stands and where it is going; what agents see beside the chat. */
export interface EmotionTrajectory {
  trend: EmotionTrend;
  /** The most negative message so far (index into the list), or null when none was negative. */
  peak: { index: number; emotion: EmotionState; basic: BasicEmotion; intensity: number } | null;
  /** Negative messages in a row, ending with the latest. */
  consecutiveNegative: number;
  negativeCount: number;
  /** Valence per message: −intensity when negative, +intensity when positive, 0 when neutral. */
  valences: number[];
  last: EmotionPoint | null;
}

const TREND_THRESHOLD = 0.15;

export function valenceOf(point: Pick<EmotionPoint, 'polarity' | 'intensity'>): number {
  const sign: Record<Polarity, number> = { negative: -1, neutral: 0, positive: 1 };
  const intensity = Number.isFinite(point.intensity) ? Math.min(1, Math.max(0, point.intensity)) : 0;
  return sign[point.polarity] * intensity;
}

export function toEmotionPoint(result: EmotionPoint): EmotionPoint {
  return {
    emotion: result.emotion,
    basic: result.basic,
    polarity: result.polarity,
    intensity: result.intensity,
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Summarises the emotion of a conversation's customer messages, oldest first. The trend compares the last
 * two messages with the three before them.
 */
export function summarizeTrajectory(points: readonly EmotionPoint[]): EmotionTrajectory {
  const valences = points.map(valenceOf);
  let peak: EmotionTrajectory['peak'] = null;
  points.forEach((point, index) => {
    if (point.polarity === 'negative' && (peak === null || point.intensity > peak.intensity)) {
      peak = { index, emotion: point.emotion, basic: point.basic, intensity: point.intensity };
    }
  });
  let consecutiveNegative = 0;
  for (let i = points.length - 1; i >= 0 && points[i]!.polarity === 'negative'; i--) consecutiveNegative++;
  let trend: EmotionTrend = 'steady';
  if (valences.length >= 2) {
    const recent = mean(valences.slice(-2));
    const before = mean(valences.slice(-5, -2).length > 0 ? valences.slice(-5, -2) : valences.slice(0, 1));
    const delta = recent - before;
    if (delta > TREND_THRESHOLD) trend = 'improving';
    else if (delta < -TREND_THRESHOLD) trend = 'worsening';
  }
  return {
    trend,
    peak,
    consecutiveNegative,
    negativeCount: points.filter((p) => p.polarity === 'negative').length,
    valences,
    last: points.length > 0 ? toEmotionPoint(points[points.length - 1]!) : null,
  };
}
