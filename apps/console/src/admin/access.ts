import type { Role } from '@tandem/protocol';
import type { Route } from '../route.ts';

/** The admin API lets admins and supervisors change the bot and the knowledge base; agents and experts not. */
export function canAdminister(role: Role): boolean {
  return role === 'admin' || role === 'supervisor';
}

/** Supervisors and admins watch the floor: the live wall, reassigning and taking over. */
export const canSupervise = canAdminister;

/** Only admins change people and roles. */
export function isAdmin(role: Role): boolean {
  return role === 'admin';
}

/** The pages a role may open, in the order of the navigation (settings holds everyone's own canned replies). */
export function routesFor(role: Role): Route[] {
  return canAdminister(role)
    ? ['inbox', 'search', 'tickets', 'supervisor', 'knowledge', 'bot', 'analytics', 'settings']
    : ['inbox', 'search', 'tickets', 'settings'];
}

/** Pages only admins and supervisors may open (the server enforces the same). */
export function needsAdministration(route: Route): boolean {
  return route === 'supervisor' || route === 'knowledge' || route === 'bot' || route === 'analytics';
}
