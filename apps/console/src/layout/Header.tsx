import type { Me } from '@tandem/protocol';
import { Avatar, Badge, Button, Space, Tag } from 'antd';
import { initialOf } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import { LangSwitch } from '../LangSwitch.tsx';
import type { Route } from '../route.ts';
import type { Connection } from '../store/useAgentSocket.ts';
import { AlertSwitch } from './AlertSwitch.tsx';
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

const presenceColour = { online: '#22c55e', away: '#f59e0b', offline: '#a0a8b5' } as const;

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
        <Tag className="connection-banner" color="warning" role="status">
          <span className="spinner spinner-sm" aria-hidden="true" />
          {t('header.reconnecting')}
        </Tag>
      )}
      <div className="topbar-actions">
        <Space.Compact className="presence-switch" role="group" aria-label={t('header.presence')}>
          {presences.map((presence) => (
            <Button
              key={presence}
              size="small"
              type={me.presence === presence ? 'primary' : 'default'}
              ghost={me.presence === presence}
              aria-pressed={me.presence === presence}
              onClick={() => me.presence !== presence && onPresence(presence)}
            >
              <span className="presence-option">
                <span className={`dot dot-${presence}`} aria-hidden="true" />
                {t(`presence.${presence}`)}
              </span>
            </Button>
          ))}
        </Space.Compact>
        <AlertSwitch />
        <LangSwitch />
        <div className="me">
          <Badge dot color={presenceColour[me.presence]} offset={[-3, 26]}>
            <Avatar size={28} className="tone-me" aria-hidden="true">
              {initialOf(me.name)}
            </Avatar>
          </Badge>
          <span className="me-text">
            <span className="me-name">{me.name}</span>
            <span className="me-role">{t(`role.${me.role}`)}</span>
          </span>
        </div>
        <Button type="text" onClick={onSignOut}>
          {t('header.logout')}
        </Button>
      </div>
    </header>
  );
}
