import type { Me, TeamView } from '@tandem/protocol';
import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { canAdminister, isAdmin } from '../admin/access.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { consoleBase, hrefOf, sectionOf } from '../route.ts';
import { CannedRepliesSettings } from './CannedRepliesSettings.tsx';
import { DataSettings } from './DataSettings.tsx';
import { LlmSettings } from './LlmSettings.tsx';
import { PeopleSettings } from './PeopleSettings.tsx';
import { TeamsSettings } from './TeamsSettings.tsx';
import { WidgetSettings } from './WidgetSettings.tsx';

interface Props {
  me: Me;
  teams: TeamView[] | null;
  onTeamsChanged: () => void;
  onSessionLost: () => void;
}

type Section = 'canned' | 'people' | 'teams' | 'widget' | 'llm' | 'data';

/** The sections a role sees: everyone keeps their own canned replies; admins and supervisors run the rest. */
function sectionsFor(me: Me): Section[] {
  if (isAdmin(me.role)) return ['canned', 'people', 'teams', 'widget', 'llm', 'data'];
  return canAdminister(me.role) ? ['canned', 'people', 'teams', 'widget'] : ['canned'];
}

const titles: Record<Section, MessageKey> = {
  canned: 'settings.canned',
  people: 'settings.people',
  teams: 'settings.teams',
  widget: 'settings.widget',
  llm: 'settings.llm',
  data: 'settings.data',
};

/** Settings, one section per tab, each with its own address (/console/settings/<section>). */
export function SettingsPage({ me, teams, onTeamsChanged, onSessionLost }: Props) {
  const { t } = useI18n();
  const sections = sectionsFor(me);
  const fromPath = () => {
    const section = sectionOf(window.location.pathname) as Section | undefined;
    return section && sections.includes(section) ? section : (sections[0] ?? 'canned');
  };
  const [section, setSection] = useState<Section>(fromPath);

  useEffect(() => {
    const onPop = () => {
      if (window.location.pathname.startsWith(`${consoleBase}settings`)) setSection(fromPath());
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  });

  const choose = (next: Section) => {
    setSection(next);
    window.history.pushState(null, '', hrefOf('settings', next));
  };

  return (
    <main className="page settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title" className="sr-only">
        {t('nav.settings')}
      </h1>
      <Tabs
        className="settings-tabs"
        activeKey={section}
        onChange={(key) => choose(key as Section)}
        destroyOnHidden
        items={sections.map((key) => ({
          key,
          label: t(titles[key]),
          children:
            key === 'canned' ? (
              <CannedRepliesSettings me={me} teams={teams} onSessionLost={onSessionLost} />
            ) : key === 'people' ? (
              <PeopleSettings
                me={me}
                teams={teams}
                onChanged={onTeamsChanged}
                onSessionLost={onSessionLost}
              />
            ) : key === 'teams' ? (
              <TeamsSettings me={me} teams={teams} onChanged={onTeamsChanged} onSessionLost={onSessionLost} />
            ) : key === 'llm' ? (
              <LlmSettings me={me} onSessionLost={onSessionLost} />
            ) : key === 'data' ? (
              <DataSettings me={me} onSessionLost={onSessionLost} />
            ) : (
              <WidgetSettings me={me} onSessionLost={onSessionLost} />
            ),
        }))}
      />
    </main>
  );
}
