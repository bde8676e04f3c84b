import type { FlowDraft } from '@tandem/protocol';
import { useEffect, useRef, useState } from 'react';
import { type ClientErrorCode, errorCodeOf } from '../../api.ts';
import { flowApi } from '../../apiFlow.ts';
import { type Checked, noProblems } from './problems.ts';

/** Typing pauses this long before the draft is checked again. */
const PAUSE_MS = 400;

export type CheckState =
  | { state: 'checking'; checked: Checked }
  | { state: 'ready'; checked: Checked }
  | { state: 'failed'; checked: Checked; code: ClientErrorCode };

/**
 * The server's checks of the draft (the same as on save), again whenever it changes and typing pauses.
 * The last result stays shown while the next is on its way; an answer to an older draft is dropped.
 */
/** `onSessionLost` gets the error when the session has ended (the page signs out). */
export function useFlowCheck(draft: FlowDraft | null, onSessionLost: (error: unknown) => void): CheckState {
  const [check, setCheck] = useState<CheckState>({ state: 'checking', checked: noProblems });
  const latest = useRef(0);
  const lost = useRef(onSessionLost);
  lost.current = onSessionLost;
  const key = draft === null ? null : JSON.stringify(draft);

  useEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    setCheck((previous) => ({ state: 'checking', checked: previous.checked }));
    const timer = setTimeout(() => {
      flowApi.validate(JSON.parse(key) as FlowDraft).then(
        (result) => {
          if (request !== latest.current) return;
          setCheck({ state: 'ready', checked: { errors: result.errors, warnings: result.warnings } });
        },
        (error: unknown) => {
          if (request !== latest.current) return;
          const code = errorCodeOf(error);
          if (code === 'unauthenticated') lost.current(error);
          setCheck((previous) => ({ state: 'failed', checked: previous.checked, code }));
        },
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key]);

  return check;
}
