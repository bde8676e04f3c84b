import { EMOTION_STATES } from '@tandem/engine';
import { emotionStates } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';

/**
 * The engine is a library with its own vocabulary; what staff see through the protocol must match it.
 * (Hand-over reasons are checked by the compiler: the bot participant passes the engine's reason to
 * `requestHuman`, which takes the protocol's.)
 */
describe('engine and protocol agree', () => {
  it('on the emotion states', () => {
    expect([...emotionStates].sort()).toEqual([...EMOTION_STATES].sort());
  });
});
