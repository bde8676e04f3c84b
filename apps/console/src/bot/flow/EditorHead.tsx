import type { DefinitionKind } from '@tandem/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../../I18nProvider.tsx';

interface Props {
  kind: DefinitionKind;
  definitionKey: string | null;
  version: number | null;
  dirty: boolean;
  onBack: () => void;
  /** more controls at the end of the bar (the flow editor's form/source switch) */
  children?: ReactNode;
}

/** The editor's title bar: back, which definition, which version, unsaved changes. */
export function EditorHead({ kind, definitionKey, version, dirty, onBack, children }: Props) {
  const { t } = useI18n();
  return (
    <header className="admin-editor-head">
      <button type="button" className="button button-ghost back-button" onClick={onBack}>
        ‹ {t('admin.back')}
      </button>
      <h2>{definitionKey ? <code className="admin-key">{definitionKey}</code> : t('bot.newTitle')}</h2>
      <span className="chip">{t(`bot.kind.${kind}`)}</span>
      {version !== null && <span className="chip">{t('bot.version', { n: version })}</span>}
      {dirty && <span className="chip chip-unsaved">{t('admin.unsaved')}</span>}
      {children}
    </header>
  );
}
