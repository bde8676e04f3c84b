import type { MouseEvent } from 'react';
import { useI18n } from '../I18nProvider.tsx';
import { hrefOf, type Route } from '../route.ts';

interface Props {
  routes: Route[];
  current: Route;
  onNavigate: (route: Route) => void;
  /** a count shown next to a page's name (open tickets) */
  badges?: Partial<Record<Route, number>>;
}

/** Inbox · Tickets · Knowledge · Bot: real links (open in a new tab works), handled in the page otherwise. */
export function MainNav({ routes, current, onNavigate, badges = {} }: Props) {
  const { t } = useI18n();
  if (routes.length < 2) return null;
  const go = (route: Route) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onNavigate(route);
  };
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {routes.map((route) => (
        <a
          key={route}
          href={hrefOf(route)}
          className={route === current ? 'is-active' : undefined}
          aria-current={route === current ? 'page' : undefined}
          onClick={go(route)}
        >
          {t(`nav.${route}`)}
          {(badges[route] ?? 0) > 0 && (
            <span
              className="badge badge-alert nav-badge"
              title={t('tickets.openCount', { n: badges[route] ?? 0 })}
            >
              {badges[route]}
            </span>
          )}
        </a>
      ))}
    </nav>
  );
}
