/**
 * The console's pages, as paths under /console/ (the server answers every such path with index.html, so a
 * link or a reload opens the same page). Settings has sections: /console/settings/<section>.
 */
export const routes = [
  'inbox',
  'search',
  'tickets',
  'supervisor',
  'knowledge',
  'bot',
  'analytics',
  'settings',
] as const;
export type Route = (typeof routes)[number];

/** Where the server mounts the console (vite.config.ts `base`). */
export const consoleBase = '/console/';

const pathOf = (route: Route) => (route === 'inbox' ? '' : route);

/** The page a path shows; anything unknown is the inbox. */
export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(consoleBase) ? pathname.slice(consoleBase.length) : '';
  const first = rest.split('/')[0] ?? '';
  return routes.find((route) => route !== 'inbox' && pathOf(route) === first) ?? 'inbox';
}

/** The second path segment (the settings section), if any. */
export function sectionOf(pathname: string): string | undefined {
  const rest = pathname.startsWith(consoleBase) ? pathname.slice(consoleBase.length) : '';
  const second = rest.split('/')[1];
  return second ? second : undefined;
}

export function hrefOf(route: Route, section?: string): string {
  return `${consoleBase}${pathOf(route)}${section ? `/${section}` : ''}`;
}
