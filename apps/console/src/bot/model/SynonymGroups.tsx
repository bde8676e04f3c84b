import { Alert, Button, Empty, Form, Select } from 'antd';
import { useI18n } from '../../I18nProvider.tsx';

/** Pasting "退款，退钱, refund" adds three words. */
export const separators = [',', '，', '、', ';', '；', '\n'];

interface Props {
  groups: string[][];
  onChange: (groups: string[][]) => void;
  /** the problem shown at `synonyms` (the list) or `synonyms.<g>` (a group), in words */
  problemOf: (field: string) => string | undefined;
}

/** Synonym groups, each a tag input: the first word is the one the bot learns them as. */
export function SynonymGroups({ groups, onChange, problemOf }: Props) {
  const { t } = useI18n();
  const listProblem = problemOf('synonyms');
  return (
    <fieldset className="synonym-groups" {...(listProblem ? { 'aria-invalid': true } : {})}>
      <legend>{t('botModel.vocabulary.synonyms')}</legend>
      <p className="muted">{t('botModel.vocabulary.synonymsHint')}</p>
      {listProblem && <Alert type="error" showIcon title={listProblem} />}
      {groups.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('botModel.vocabulary.noGroups')} />
      )}
      {groups.map((group, g) => {
        const problem = problemOf(`synonyms.${g}`);
        return (
          <Form.Item
            // groups have no id: their position is their identity while editing
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={g}
            className="synonym-group"
            {...(problem ? { validateStatus: 'error', help: problem } : {})}
          >
            <div className="synonym-line">
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                value={group}
                tokenSeparators={separators}
                aria-label={t('botModel.vocabulary.group', { n: g + 1 })}
                placeholder={t('botModel.vocabulary.addSynonym')}
                onChange={(words: string[]) => onChange(groups.map((old, i) => (i === g ? words : old)))}
              />
              <Button
                type="text"
                danger
                aria-label={t('botModel.vocabulary.removeGroup', { n: g + 1 })}
                onClick={() => onChange(groups.filter((_, i) => i !== g))}
              >
                ×
              </Button>
            </div>
            {group[0] && (
              <div className="muted synonym-main">
                {t('botModel.vocabulary.learnsAs', { word: group[0] })}
              </div>
            )}
          </Form.Item>
        );
      })}
      <Button onClick={() => onChange([...groups, []])}>+ {t('botModel.vocabulary.addGroup')}</Button>
    </fieldset>
  );
}
