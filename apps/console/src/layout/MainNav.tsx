import { Badge, Menu } from 'antd';
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

/** The pages as real links (open in a new tab works), handled in the page otherwise; overflow folds into "…". */
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
      <Menu
        mode="horizontal"
        selectedKeys={[current]}
        disabledOverflow={false}
        items={routes.map((route) => ({
          key: route,
          label: (
            <a href={hrefOf(route)} aria-current={route === current ? 'page' : undefined} onClick={go(route)}>
              {t(`nav.${route}`)}
              {(badges[route] ?? 0) > 0 && (
                <Badge
                  className="nav-badge"
                  count={badges[route]}
                  size="small"
                  title={t('tickets.openCount', { n: badges[route] ?? 0 })}
                />
              )}
            </a>
          ),
        }))}
      />
    </nav>
  );
}
