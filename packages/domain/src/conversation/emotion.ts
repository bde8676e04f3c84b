import type { MessageEmotion } from '@tandem/protocol';
import type { EmotionReading, EmotionTrajectory } from '../records.ts';

const withoutTime = ({ at: _at, ...emotion }: EmotionReading): MessageEmotion => emotion;

/** A neutral reading keeps a negative one of the last this many readings as current… */
const HOLD_READINGS = 2;
/** …taken at most this long before it. */
const HOLD_MS = 15 * 60_000;

/**
 * How the customer feels now. A message read as neutral right after an angry one — "转人工", an order number,
 * "ok" — says nothing about their mood: they are still angry, and the person taking over must see that. So
 * the latest reading is current unless it is neutral and one of the previous two, within 15 minutes, was
 * negative (a positive reading in between ends the hold: the customer said they were happy).
 */
export function currentEmotion(trajectory: EmotionTrajectory): {
  current: MessageEmotion;
  heldFrom: string | null;
} {
  const latest = trajectory.history.at(-1);
  if (!latest || trajectory.current.polarity !== 'neutral')
    return { current: trajectory.current, heldFrom: null };
  const latestAt = Date.parse(latest.at);
  const earlier = trajectory.history.slice(0, -1).slice(-HOLD_READINGS).reverse();
  for (const reading of earlier) {
    if (reading.polarity === 'positive') break;
    if (reading.polarity !== 'negative') continue;
    const age = latestAt - Date.parse(reading.at);
    if (!(age <= HOLD_MS)) break;
    return { current: withoutTime(reading), heldFrom: reading.at };
  }
  return { current: trajectory.current, heldFrom: null };
}
