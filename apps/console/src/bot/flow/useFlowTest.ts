import { type FlowDraft, type FlowTestResult, type Lang, MAX_FLOW_TEST_MESSAGES } from '@tandem/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type ClientErrorCode, errorCodeOf } from '../../api.ts';
import { flowApi } from '../../apiFlow.ts';

/** While the test bot learns new phrasings the server answers `busy`; it is asked again this often. */
const RETRY_MS = 1_500;
const MAX_RETRIES = 60;

export type TestStatus =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'learning' }
  | { state: 'invalid'; errors: number }
  | { state: 'failed'; code: ClientErrorCode };

/**
 * A test conversation with the draft: each message runs the whole conversation again on the server (with
 * the draft as it is now), so a change to the flow shows at once on "run again".
 */
export function useFlowTest(
  draft: FlowDraft | null,
  lang: Lang | null,
  onSessionLost: (error: unknown) => void,
) {
  const [messages, setMessages] = useState<string[]>([]);
  const [result, setResult] = useState<FlowTestResult | null>(null);
  const [status, setStatus] = useState<TestStatus>({ state: 'idle' });
  /** the message being answered now, shown at once (the bot may first have to learn the draft) */
  const [pending, setPending] = useState<string | null>(null);
  /** the draft the result was answered with */
  const [ranWith, setRanWith] = useState<string | null>(null);
  const latest = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;
  const draftKey = draft === null ? null : JSON.stringify(draft);

  const stopRetry = useCallback(() => {
    if (retry.current !== null) clearTimeout(retry.current);
    retry.current = null;
  }, []);
  useEffect(() => stopRetry, [stopRetry]);

  const run = useCallback(
    (list: string[], attempt = 0): Promise<boolean> => {
      stopRetry();
      if (draftKey === null || list.length === 0) return Promise.resolve(false);
      const request = ++latest.current;
      setStatus({ state: attempt === 0 ? 'running' : 'learning' });
      setPending(list.length > messages.length ? (list.at(-1) ?? null) : null);
      return flowApi.test(JSON.parse(draftKey) as FlowDraft, list, lang ?? undefined).then(
        (answer) => {
          if (request !== latest.current) return false;
          setMessages(list);
          setResult(answer);
          setRanWith(draftKey);
          setStatus({ state: 'idle' });
          setPending(null);
          return true;
        },
        (error: unknown) => {
          if (request !== latest.current) return false;
          const code = errorCodeOf(error);
          if (code === 'busy' && attempt < MAX_RETRIES) {
            setStatus({ state: 'learning' });
            retry.current = setTimeout(() => void run(list, attempt + 1), RETRY_MS);
            return false;
          }
          setPending(null);
          if (code === 'unauthenticated') lost.current(error);
          if (code === 'validation_failed' && error instanceof ApiError && error.details.length > 0) {
            setStatus({ state: 'invalid', errors: error.details.length });
          } else setStatus({ state: 'failed', code });
          return false;
        },
      );
    },
    [draftKey, lang, stopRetry, messages.length],
  );

  return {
    messages,
    result,
    pending,
    status,
    /** the draft changed since the result was answered */
    stale: result !== null && ranWith !== draftKey,
    full: messages.length >= MAX_FLOW_TEST_MESSAGES,
    send: (text: string) => run([...messages, text]),
    rerun: () => run(messages),
    restart: () => {
      stopRetry();
      latest.current += 1;
      setMessages([]);
      setResult(null);
      setPending(null);
      setStatus({ state: 'idle' });
    },
  };
}
