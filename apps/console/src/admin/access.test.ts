import { describe, expect, it } from 'vitest';
import { canAdminister, routesFor } from './access.ts';

describe('admin access', () => {
  it('matches the admin API: admins and supervisors only', () => {
    expect(canAdminister('admin')).toBe(true);
    expect(canAdminister('supervisor')).toBe(true);
    expect(canAdminister('agent')).toBe(false);
    expect(canAdminister('expert')).toBe(false);
  });

  it('gives agents and experts only the inbox and the tickets', () => {
    expect(routesFor('agent')).toEqual(['inbox', 'tickets']);
    expect(routesFor('expert')).toEqual(['inbox', 'tickets']);
    expect(routesFor('supervisor')).toEqual(['inbox', 'tickets', 'knowledge', 'bot']);
  });
});
