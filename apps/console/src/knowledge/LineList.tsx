import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input } from 'antd';
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
  /** values to suggest (related entry ids) */
  suggestions?: string[];
  lang?: string;
}

/** An editable list of one-line texts: change, add, remove. */
export function LineList({
  lines,
  onChange,
  lineLabel,
  addLabel,
  problemAt,
  idPrefix,
  suggestions,
  lang,
}: Props) {
  const { t } = useI18n();
  const set = (index: number, value: string) => onChange(lines.map((l, i) => (i === index ? value : l)));
  const remove = (index: number) => onChange(lines.filter((_, i) => i !== index));
  return (
    <div className="line-list">
      <ul>
        {lines.map((line, index) => {
          const problem = problemAt(index);
          const id = `${idPrefix}-${index}`;
          const aria = {
            id,
            'aria-label': t(lineLabel, { n: index + 1 }),
            'aria-invalid': problem ? true : undefined,
            'aria-describedby': problem ? `${id}-problem` : undefined,
          };
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
            <li key={index}>
              <div className="line-row">
                {suggestions ? (
                  <AutoComplete
                    {...aria}
                    className="line-input"
                    value={line}
                    status={problem ? 'error' : undefined}
                    options={suggestions
                      .filter((value) => value !== line && value.includes(line.trim()))
                      .slice(0, 8)
                      .map((value) => ({ value }))}
                    onChange={(value: string) => set(index, value)}
                  />
                ) : (
                  <Input
                    {...aria}
                    className="line-input"
                    value={line}
                    lang={lang}
                    status={problem ? 'error' : undefined}
                    onChange={(event) => set(index, event.target.value)}
                  />
                )}
                <Button
                  type="text"
                  icon={<CloseOutlined />}
                  aria-label={t('knowledge.removeLine', { n: index + 1 })}
                  title={t('knowledge.removeLine', { n: index + 1 })}
                  onClick={() => remove(index)}
                />
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
      <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => onChange([...lines, ''])}>
        {t(addLabel)}
      </Button>
    </div>
  );
}
