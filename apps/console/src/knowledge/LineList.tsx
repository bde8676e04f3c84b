import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

interface Props {
  lines: string[];
  onChange: (lines: string[]) => void;
  /** accessible name of line n (1-based): e.g. "English phrasing {n}" */
  lineLabel: MessageKey;
  addLabel: MessageKey;
  /** the problem text of a form line, if any */
  problemAt: (line: number) => string | undefined;
  idPrefix: string;
  list?: string;
  lang?: string;
}

/** An editable list of one-line texts: change, add, remove. */
export function LineList({ lines, onChange, lineLabel, addLabel, problemAt, idPrefix, list, lang }: Props) {
  const { t } = useI18n();
  const set = (index: number, value: string) => onChange(lines.map((l, i) => (i === index ? value : l)));
  const remove = (index: number) => onChange(lines.filter((_, i) => i !== index));
  return (
    <div className="line-list">
      <ul>
        {lines.map((line, index) => {
          const problem = problemAt(index);
          const id = `${idPrefix}-${index}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
            <li key={index}>
              <div className="line-row">
                <input
                  id={id}
                  className="input"
                  value={line}
                  lang={lang}
                  list={list}
                  aria-label={t(lineLabel, { n: index + 1 })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${id}-problem` : undefined}
                  onChange={(event) => set(index, event.target.value)}
                />
                <button
                  type="button"
                  className="button button-ghost button-sm line-remove"
                  aria-label={t('knowledge.removeLine', { n: index + 1 })}
                  title={t('knowledge.removeLine', { n: index + 1 })}
                  onClick={() => remove(index)}
                >
                  ×
                </button>
              </div>
              {problem && (
                <p className="field-problem" id={`${id}-problem`}>
                  {problem}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="link-button" onClick={() => onChange([...lines, ''])}>
        + {t(addLabel)}
      </button>
    </div>
  );
}
