import type { IntentSummary, Lang } from '@tandem/protocol';
import { Button, Input, Tag } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';
import { intentName, phrasingKey } from './intents.ts';

interface Props {
  lang: Lang;
  examples: string[];
  onChange: (examples: string[]) => void;
  /** problems by index (already in words) */
  problems: ReadonlyMap<number, string>;
  /** example key → the other intents that have it */
  elsewhere: ReadonlyMap<string, IntentSummary[]>;
  /** example keys the report found predicted as another intent */
  highlight: ReadonlySet<string>;
  disabled: boolean;
  /** the example being typed in the add field (kept by the editor: saving adds it too) */
  adding: string;
  onAdding: (text: string) => void;
}

/** One language's examples: each editable in place, removable, and a field to add one. */
export function ExampleList({
  lang,
  examples,
  onChange,
  problems,
  elsewhere,
  highlight,
  disabled,
  adding,
  onAdding,
}: Props) {
  const { t, lang: uiLang } = useI18n();
  const language = t(`botModel.lang.${lang}`);
  const add = () => {
    if (!adding.trim()) return;
    onChange([...examples, adding.trim()]);
    onAdding('');
  };
  return (
    <fieldset className="example-list">
      <legend>{t('botModel.examplesIn', { lang: language, n: examples.length })}</legend>
      <ol>
        {examples.map((text, index) => {
          const problem = problems.get(index);
          const others = elsewhere.get(phrasingKey(text)) ?? [];
          const confused = highlight.has(phrasingKey(text));
          return (
            // examples are edited in place: their position is their identity while editing
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className={`example-row${confused ? ' is-confused' : ''}`}>
              <div className="example-line">
                <Input
                  value={text}
                  disabled={disabled}
                  maxLength={400}
                  status={problem ? 'error' : others.length > 0 ? 'warning' : undefined}
                  aria-label={t('botModel.exampleLabel', { lang: language, n: index + 1 })}
                  aria-invalid={problem ? true : undefined}
                  onChange={(event) =>
                    onChange(examples.map((e, i) => (i === index ? event.target.value : e)))
                  }
                />
                {confused && <Tag color="orange">{t('botModel.misclassified')}</Tag>}
                <Button
                  type="text"
                  danger
                  disabled={disabled}
                  aria-label={t('botModel.removeExample', { text })}
                  onClick={() => onChange(examples.filter((_, i) => i !== index))}
                >
                  ×
                </Button>
              </div>
              {problem && <div className="example-help is-error">{problem}</div>}
              {others.length > 0 && (
                <div className="example-help is-warning">
                  {t('botModel.sameAs', {
                    names: others.map((o) => `“${intentName(o, uiLang)}”`).join(', '),
                  })}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!disabled && (
        <div className="example-add">
          <Input
            value={adding}
            maxLength={400}
            aria-label={t('botModel.newExample', { lang: language })}
            placeholder={t('botModel.newExamplePlaceholder')}
            onChange={(event) => onAdding(event.target.value)}
            onPressEnter={(event) => {
              event.preventDefault();
              add();
            }}
          />
          <Button onClick={add} disabled={!adding.trim()}>
            {t('botModel.add')}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
