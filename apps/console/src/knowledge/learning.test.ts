import { describe, expect, it } from 'vitest';
import type { BotStatus } from '../api.ts';
import { follow, type Learning, startLearning } from './learning.ts';

const saved = { kind: 'saved' } as const;
const status = (state: BotStatus['state'], version: number, liveVersion: number, error?: string) =>
  ({ state, version, liveVersion, ...(error ? { error } : {}) }) as BotStatus;

describe('following a knowledge change into the bot', () => {
  it('is learning after the save, and live once the answering bot reaches its version', () => {
    let learning = startLearning(saved, status('training', 3, 2), null);
    expect(learning).toEqual({ change: saved, version: 3, phase: 'learning' });
    learning = follow(learning, status('training', 3, 2));
    expect(learning.phase).toBe('learning');
    learning = follow(learning, status('live', 3, 3));
    expect(learning).toEqual({ change: saved, version: 3, phase: 'live' });
    // coalesced with later saves: live at a higher version counts too
    expect(follow(startLearning(saved, status('training', 4, 2), null), status('live', 6, 6)).phase).toBe(
      'live',
    );
  });

  it('reports a failed training with the server’s reason, and recovers when a later training succeeds', () => {
    let learning = startLearning(saved, status('training', 5, 4), null);
    learning = follow(learning, status('failed', 5, 4, 'the worker ran out of memory'));
    expect(learning).toEqual({
      change: saved,
      version: 5,
      phase: 'failed',
      error: 'the worker ran out of memory',
    });
    learning = follow(learning, status('training', 6, 4));
    expect(learning.phase).toBe('learning');
    expect(follow(learning, status('live', 6, 6)).phase).toBe('live');
  });

  it('ignores statuses about older versions (sent before the change)', () => {
    const learning = startLearning(saved, status('training', 7, 5), status('failed', 6, 5, 'old problem'));
    expect(learning.phase).toBe('learning');
    expect(follow(learning, status('live', 6, 6))).toBe(learning);
  });

  it('takes a status that overtook the save’s answer', () => {
    expect(startLearning(saved, status('training', 2, 1), status('live', 2, 2)).phase).toBe('live');
  });

  it('stays live once live', () => {
    const live: Learning = { change: saved, version: 2, phase: 'live' };
    expect(follow(live, status('failed', 3, 2, 'later change'))).toBe(live);
  });

  it('follows a restarted server in its own numbering when the status was fetched after reconnecting', () => {
    const learning = startLearning({ kind: 'deleted', id: 'gifts.wrap' }, status('training', 9, 8), null);
    // a live event from the old numbering would not do, but the server restarted: built from everything stored
    expect(follow(learning, status('live', 0, 0), true).phase).toBe('live');
    const retraining = follow(learning, status('training', 1, 0), true);
    expect(retraining).toEqual({
      change: { kind: 'deleted', id: 'gifts.wrap' },
      version: 1,
      phase: 'learning',
    });
    expect(follow(retraining, status('live', 1, 1)).phase).toBe('live');
    // without the restart hint a lower version is only an old status
    expect(follow(learning, status('live', 0, 0))).toBe(learning);
  });
});
