import type { ReactNode } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { KindTabs } from '../KindTabs.tsx';
import type { BotTab, ModelTab } from './tabs.ts';

/** The left pane of a model tab: the page's title and tabs, what the tab is for, then the tab's own list. */
export function ModelPane({
  tab,
  onTab,
  children,
}: {
  tab: ModelTab;
  onTab: (tab: BotTab) => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="admin-list model-pane" aria-label={t('bot.title')}>
      <div className="admin-list-head">
        <div className="admin-list-title">
          <h2>{t('bot.title')}</h2>
        </div>
      </div>
      <KindTabs kind={tab} onKind={onTab} />
      <p className="admin-hint">{t(`botModel.hint.${tab}`)}</p>
      {children}
    </section>
  );
}
