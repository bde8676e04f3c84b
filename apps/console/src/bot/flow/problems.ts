import type { FlowDraftProblem } from '@tandem/protocol';
import type { Translate } from '../../i18n.ts';

export type Severity = 'error' | 'warning';
export interface Shown extends FlowDraftProblem {
  severity: Severity;
}

/** The server's checks of the draft: errors block saving, warnings do not. */
export interface Checked {
  errors: FlowDraftProblem[];
  warnings: FlowDraftProblem[];
}

export const noProblems: Checked = { errors: [], warnings: [] };

const all = (checked: Checked): Shown[] => [
  ...checked.errors.map((p) => ({ ...p, severity: 'error' as const })),
  ...checked.warnings.map((p) => ({ ...p, severity: 'warning' as const })),
];

const under = (path: string, prefix: string) =>
  prefix === '' || path === prefix || path.startsWith(`${prefix}.`);

/** Problems of one field: at its path, or inside it (`text` has `text.zh`). */
export function problemsAt(checked: Checked, path: string): Shown[] {
  return all(checked).filter((p) => under(p.path, path));
}

/**
 * Problems under `prefix` that none of the fields shown claims (an unknown field, the node as a whole):
 * shown once, above the fields.
 */
export function unclaimed(checked: Checked, prefix: string, claimed: readonly string[]): Shown[] {
  return all(checked).filter(
    (p) => under(p.path, prefix) && !claimed.some((field) => under(p.path, `${prefix}.${field}`)),
  );
}

/** The server's message in the reader's language when it is one the editor knows, else as it came. */
export function problemText(t: Translate, problem: FlowDraftProblem): string {
  const { message } = problem;
  if (/^Invalid input: expected \w+, received undefined$/.test(message))
    return t('flowEditor.problem.required');
  const missing = /^no node "(.*)"$/.exec(message);
  if (missing) return t('flowEditor.problem.noNode', { id: missing[1] ?? '' });
  if (message === 'must not be empty') return t('flowEditor.problem.empty');
  if (message === 'unreachable from the start node') return t('flowEditor.problem.unreachable');
  if (message === 'unknown field')
    return t('flowEditor.problem.unknownField', { field: lastKey(problem.path) });
  if (message.startsWith('on a loop that never waits')) return t('flowEditor.problem.loop');
  if (message.startsWith('no examples:')) return t('flowEditor.problem.noExamples');
  const unset = /^reads "(.+)", which the flow never sets$/.exec(message);
  if (unset) return t('flowEditor.problem.unset', { name: unset[1] ?? '' });
  return message;
}

const lastKey = (path: string) => path.split('.').at(-1) ?? path;
