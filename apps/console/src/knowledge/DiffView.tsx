import type { KnowledgeDiff } from '@tandem/protocol';
import { Empty } from 'antd';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

const fieldLabel: Record<string, MessageKey> = {
  category: 'diff.category',
  'questions.zh': 'diff.questionsZh',
  'questions.en': 'diff.questionsEn',
  'answer.zh': 'diff.answerZh',
  'answer.en': 'diff.answerEn',
  related: 'diff.related',
  enabled: 'diff.enabled',
};

/** What changed from one version to the next, field by field: removed text struck through, added marked. */
export function DiffView({ diff }: { diff: KnowledgeDiff }) {
  const { t } = useI18n();
  const changed = diff.fields.filter((field) => field.changed);
  if (changed.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('diff.none')} />;
  const show = (value: unknown) =>
    typeof value === 'boolean' ? t(value ? 'common.yes' : 'common.no') : value === null ? '—' : String(value);
  return (
    <dl className="diff">
      {changed.map((field) => (
        <div key={field.field} className="diff-field">
          <dt>{fieldLabel[field.field] ? t(fieldLabel[field.field] as MessageKey) : field.field}</dt>
          <dd>
            {field.kind === 'value' ? (
              <span>
                <del>{show(field.before)}</del> → <ins>{show(field.after)}</ins>
              </span>
            ) : (
              <span className={field.kind === 'lines' ? 'diff-lines' : 'diff-text'}>
                {field.parts.map((part, index) =>
                  part.op === 'added' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                    <ins key={index}>{part.value}</ins>
                  ) : part.op === 'removed' ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                    <del key={index}>{part.value}</del>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts are a fixed sequence
                    <span key={index}>{part.value}</span>
                  ),
                )}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
