import type { Role } from '@tandem/protocol';
import type { Route } from '../route.ts';

/** The admin API lets admins and supervisors change the bot and the knowledge base; agents and experts not. */
export function canAdminister(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** The pages a role may open, in the order of the navigation (tickets are for all staff). */
export function routesFor(role: Role): Route[] {
  return canAdminister(role) ? ['inbox', 'tickets', 'knowledge', 'bot'] : ['inbox', 'tickets'];
}
