import { useEffect, useRef } from 'react';
import type { ProblemDetail } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';

interface Props {
  problems: ProblemDetail[];
  /** the version that keeps running, or null when nothing of this definition runs */
  running: number | null;
}

/** Why a document was refused: each problem at its exact path, and the reassurance that nothing changed. */
export function ProblemList({ problems, running }: Props) {
  const { t } = useI18n();
  const panel = useRef<HTMLDivElement>(null);
  // the editor may be scrolled far down: bring the problems into view
  useEffect(() => {
    if (problems.length > 0) panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [problems]);
  return (
    <div className="problem-panel" role="alert" ref={panel}>
      <p className="problem-title">{t('bot.invalid.title', { n: problems.length })}</p>
      <p className="problem-running">
        {running === null ? t('bot.invalid.nothing') : t('bot.invalid.running', { n: running })}
      </p>
      <table className="problem-table">
        <thead>
          <tr>
            <th scope="col">{t('bot.problem.path')}</th>
            <th scope="col">{t('bot.problem.message')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share a path and a message
            <tr key={index}>
              <td>
                <code className="problem-path">{problem.path}</code>
              </td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
