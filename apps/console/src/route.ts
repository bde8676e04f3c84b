/**
 * The console's pages, as paths under /console/ (the server answers every such path with index.html, so a
 * link or a reload opens the same page).
 */
export type Route = 'inbox' | 'tickets' | 'knowledge' | 'bot';

/** Where the server mounts the console (vite.config.ts `base`). */
export const consoleBase = '/console/';

const paths: Record<Route, string> = { inbox: '', tickets: 'tickets', knowledge: 'knowledge', bot: 'bot' };

/** The page a path shows; anything unknown is the inbox. */
export function routeOf(pathname: string): Route {
  const rest = pathname.startsWith(consoleBase) ? pathname.slice(consoleBase.length) : '';
  const first = rest.split('/')[0] ?? '';
  if (first === paths.tickets) return 'tickets';
  if (first === paths.knowledge) return 'knowledge';
  if (first === paths.bot) return 'bot';
  return 'inbox';
}

export function hrefOf(route: Route): string {
  return `${consoleBase}${paths[route]}`;
}
