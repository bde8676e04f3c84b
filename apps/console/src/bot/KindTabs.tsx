import { useContext } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { kinds } from './definitions.ts';
import { type BotTab, ModelTabsShown, modelTabs } from './model/tabs.ts';
import './model/botModel.css';

interface Props {
  kind: BotTab;
  // method syntax on purpose: the definition list hands over its own `(kind: DefinitionKind) => void`, which
  // is the bot page's handler of every tab
  onKind(tab: BotTab): void;
}

/** Rules · Flows · Settings, then (admins) Intents · Vocabulary · Model report. */
export function KindTabs({ kind, onKind }: Props) {
  const { t } = useI18n();
  const withModel = useContext(ModelTabsShown);
  const tabs: readonly BotTab[] = withModel ? [...kinds, ...modelTabs] : kinds;
  return (
    <div className={`tabs${withModel ? ' bot-tabs' : ''}`} role="tablist" aria-label={t('bot.kinds')}>
      {tabs.map((option) => (
        <button
          key={option}
          type="button"
          role="tab"
          aria-selected={option === kind}
          className={`tab${option === kind ? ' is-active' : ''}`}
          onClick={() => onKind(option)}
        >
          {t(`bot.kind.${option}`)}
        </button>
      ))}
    </div>
  );
}
