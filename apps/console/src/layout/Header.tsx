import type { Me } from '@tandem/protocol';
import { initialOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import { LangSwitch } from '../LangSwitch.tsx';
import type { Route } from '../route.ts';
import type { Connection } from '../store/useAgentSocket.ts';
import { MainNav } from './MainNav.tsx';

interface Props {
  me: Me;
  connection: Connection;
  onPresence: (presence: 'online' | 'away') => void;
  onSignOut: () => void;
  route: Route;
  routes: Route[];
  onNavigate: (route: Route) => void;
  badges?: Partial<Record<Route, number>>;
}

export function Header({ me, connection, onPresence, onSignOut, route, routes, onNavigate, badges }: Props) {
  const { t } = useI18n();
  const presences = ['online', 'away'] as const;
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          T
        </span>
        <span className="brand-name">{me.workspace.name}</span>
        <span className="brand-product">{t('app.name')}</span>
      </div>
      <MainNav routes={routes} current={route} onNavigate={onNavigate} badges={badges} />
      {connection === 'offline' && (
        <div className="connection-banner" role="status">
          <span className="spinner spinner-sm" aria-hidden="true" />
          {t('header.reconnecting')}
        </div>
      )}
      <div className="topbar-actions">
        <fieldset className="segmented presence-switch" aria-label={t('header.presence')}>
          {presences.map((presence) => (
            <button
              key={presence}
              type="button"
              className={me.presence === presence ? 'is-active' : undefined}
              aria-pressed={me.presence === presence}
              onClick={() => me.presence !== presence && onPresence(presence)}
            >
              <span className={`dot dot-${presence}`} aria-hidden="true" />
              {t(`presence.${presence}`)}
            </button>
          ))}
        </fieldset>
        <LangSwitch />
        <div className="me">
          <span className="avatar avatar-sm tone-me" aria-hidden="true">
            {initialOf(me.name)}
            <span className={`avatar-dot dot-${me.presence}`} />
          </span>
          <span className="me-text">
            <span className="me-name">{me.name}</span>
            <span className="me-role">{t(`role.${me.role}`)}</span>
          </span>
        </div>
        <button type="button" className="button button-ghost" onClick={onSignOut}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
