import { useCallback, useEffect, useState } from 'react';
import { hrefOf, type Route, routeOf } from './route.ts';

/** The current page, following the back and forward buttons; `navigate` adds a history entry. */
export function useRoute(): { route: Route; navigate: (route: Route) => void } {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.pathname));

  useEffect(() => {
    const onPop = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const navigate = useCallback((next: Route) => {
    if (routeOf(window.location.pathname) !== next) window.history.pushState(null, '', hrefOf(next));
    setRoute(next);
  }, []);

  return { route, navigate };
}
