import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n.ts';
import { LineList } from './LineList.tsx';

interface Props {
  legend: string;
  hint: string;
  idPrefix: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  lineLabel: MessageKey;
  /** problems about the list as a whole */
  problems: string[];
  /** the problem of one form line, if any */
  problemAt: (line: number) => string | undefined;
  lang?: string;
  /** id of a <datalist> to suggest values from */
  list?: string;
  children?: ReactNode;
}

/** A titled list of one-line values (phrasings, related ids) with its problems. */
export function ListField({ legend, hint, problems, children, ...list }: Props) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      <LineList {...list} addLabel="knowledge.addLine" />
      {problems.map((line) => (
        <p key={line} className="field-problem">
          {line}
        </p>
      ))}
      {children}
    </fieldset>
  );
}
