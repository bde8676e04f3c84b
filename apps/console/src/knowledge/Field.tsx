import { Form } from 'antd';
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
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={problems.length ? 'error' : undefined}
      help={problems.length ? <span id={`${id}-problem`}>{problems.join(' ')}</span> : undefined}
      extra={hint ? <span id={`${id}-hint`}>{hint}</span> : undefined}
    >
      {children({
        id,
        ...(problems.length ? { 'aria-invalid': true as const } : {}),
        ...(described.length ? { 'aria-describedby': described.join(' ') } : {}),
      })}
    </Form.Item>
  );
}
