import type { ReactNode } from 'react';

interface Aria {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  problems: string[];
  children: (aria: Aria) => ReactNode;
}

/** A labelled control with its hint and, under it, what the server (or the form) found wrong with it. */
export function Field({ id, label, hint, problems, children }: Props) {
  const described = [hint ? `${id}-hint` : null, problems.length ? `${id}-problem` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(problems.length ? { 'aria-invalid': true as const } : {}),
        ...(described.length ? { 'aria-describedby': described.join(' ') } : {}),
      })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {problems.length > 0 && (
        <p className="field-problem" id={`${id}-problem`}>
          {problems.join(' ')}
        </p>
      )}
    </div>
  );
}
