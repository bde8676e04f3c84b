import { botStatusSchema } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type BotStatus } from '../../api.ts';
import { follow, type Learning, startLearning } from '../../knowledge/learning.ts';
import type { AgentSocket } from '../../socket.ts';

/**
 * A saved change on its way into the bot, as on the knowledge page: learning, then live once the answering
 * bot has it (`bot:status`), or failed (the previous bot keeps answering). A status missed while the
 * connection was down is asked for once it is back.
 */
export function useLearning(socket: AgentSocket | null) {
  const [learning, setLearning] = useState<Learning | null>(null);
  const latest = useRef<BotStatus | null>(null);
  const waiting = useRef(false);
  waiting.current = learning !== null && learning.phase !== 'live';

  useEffect(() => {
    if (!socket) return;
    const take = (status: BotStatus, fresh: boolean) => {
      latest.current = status;
      setLearning((current) => current && follow(current, status, fresh));
    };
    const onStatus = (payload: unknown) => {
      const parsed = botStatusSchema.safeParse(payload);
      if (parsed.success) take(parsed.data, false);
    };
    const onConnect = () => {
      if (waiting.current)
        api.botStatus().then(
          (status) => take(status, true),
          () => undefined,
        );
    };
    socket.on('bot:status', onStatus);
    socket.on('connect', onConnect);
    return () => {
      socket.off('bot:status', onStatus);
      socket.off('connect', onConnect);
    };
  }, [socket]);

  const start = useCallback((answer: BotStatus) => {
    setLearning(startLearning({ kind: 'saved' }, answer, latest.current));
  }, []);
  const dismiss = useCallback(() => setLearning(null), []);
  return { learning, start, dismiss };
}
