import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config.ts';

/** The origin of a URL, or null when it does not parse (a header is whatever the client sent). */
function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/** Origins the console may be opened from: PUBLIC_URL's, and the request's own Host over http or https. */
export function consoleOrigins(config: Pick<Config, 'publicUrl'>, host: string | undefined): Set<string> {
  const origins = new Set<string>();
  const add = (url: string) => {
    const origin = originOf(url);
    if (origin) origins.add(origin);
  };
  if (config.publicUrl) add(config.publicUrl);
  // a Host with a path, user info or spaces is not a host; URL would quietly accept some of those
  if (host && /^[A-Za-z0-9.\-_:[\]]+$/.test(host)) {
    add(`http://${host}`);
    add(`https://${host}`);
  }
  return origins;
}

/**
 * Whether a request carrying the staff cookie comes from the console itself (defence against cross-site
 * request forgery on top of SameSite=Lax). With an `Origin` header: it must be one of `consoleOrigins`
 * (`Origin: null` never is). Without one (old browsers, scripts, curl): allowed unless the browser says
 * through `Sec-Fetch-Site` that another site sent it.
 */
export function isConsoleRequest(config: Pick<Config, 'publicUrl'>, headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) {
    const site = headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  }
  const claimed = single(origin);
  if (!claimed) return false;
  const normalised = originOf(claimed);
  return normalised !== null && consoleOrigins(config, single(headers.host)).has(normalised);
}
