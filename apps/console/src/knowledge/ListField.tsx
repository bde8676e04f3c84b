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
  /** values to suggest for a line */
  suggestions?: string[];
}

/** A titled list of one-line values (phrasings, related ids) with its problems. */
export function ListField({ legend, hint, problems, ...list }: Props) {
  return (
    <fieldset className="list-field">
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      <LineList {...list} addLabel="knowledge.addLine" />
      {problems.map((line) => (
        <p key={line} className="field-problem" role="alert">
          {line}
        </p>
      ))}
    </fieldset>
  );
}
