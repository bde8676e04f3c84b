import { describe, expect, it } from 'vitest';
import { canAdminister, needsAdministration, routesFor } from './access.ts';

describe('admin access', () => {
  it('matches the admin API: admins and supervisors only', () => {
    expect(canAdminister('admin')).toBe(true);
    expect(canAdminister('supervisor')).toBe(true);
    expect(canAdminister('agent')).toBe(false);
    expect(canAdminister('expert')).toBe(false);
  });

  it('gives agents and experts the workspace pages but not the wall, the bot or analytics', () => {
    expect(routesFor('agent')).toEqual(['inbox', 'search', 'tickets', 'settings']);
    expect(routesFor('expert')).toEqual(['inbox', 'search', 'tickets', 'settings']);
    expect(routesFor('supervisor')).toEqual([
      'inbox',
      'search',
      'tickets',
      'supervisor',
      'knowledge',
      'bot',
      'analytics',
      'settings',
    ]);
    for (const route of routesFor('agent')) expect(needsAdministration(route)).toBe(false);
    expect(needsAdministration('analytics')).toBe(true);
  });
});
