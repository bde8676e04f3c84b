import type { BotStatus } from '../api.ts';

/** A change of the knowledge base on its way into the bot: learning it, answering with it, or failed. */
export interface Learning {
  change: { kind: 'saved' } | { kind: 'deleted'; id: string };
  /** the bot version that carries the change: it is live once the answering bot's `liveVersion` reaches it */
  version: number;
  phase: 'learning' | 'live' | 'failed';
  /** the server's reason, when training failed (the previous bot keeps answering) */
  error?: string;
}

/**
 * Moves a change on with a bot status (from `bot:status`, a save's answer, or `GET /api/admin/bot/status`).
 * A status about an older version (sent before the change) says nothing about it. Versions count from the
 * server's start, so a status fetched after reconnecting (`fresh`) with a lower version means the server
 * restarted: its bot is built from everything stored, and the change is followed in its numbering.
 */
export function follow(learning: Learning, status: BotStatus, fresh = false): Learning {
  if (learning.phase === 'live') return learning;
  const version = fresh && status.version < learning.version ? status.version : learning.version;
  const { change } = learning;
  if (status.liveVersion >= version) return { change, version, phase: 'live' };
  if (status.version >= version && status.state === 'failed') {
    return { change, version, phase: 'failed', ...(status.error ? { error: status.error } : {}) };
  }
  if (status.version >= version && status.state === 'training') return { change, version, phase: 'learning' };
  return version === learning.version ? learning : { ...learning, version };
}

/**
 * A change the server just took: followed from its answer's status, then from the newest status seen on the
 * socket, which may have overtaken the answer (training can finish before the answer arrives).
 */
export function startLearning(
  change: Learning['change'],
  answer: BotStatus,
  latest: BotStatus | null,
): Learning {
  const learning = follow({ change, version: answer.version, phase: 'learning' }, answer);
  return latest ? follow(learning, latest) : learning;
}
