import { describe, expect, it } from 'vitest';
import { hrefOf, routeOf } from './route.ts';

describe('routeOf', () => {
  it('reads the page from the path under /console/', () => {
    expect(routeOf('/console/')).toBe('inbox');
    expect(routeOf('/console/knowledge')).toBe('knowledge');
    expect(routeOf('/console/knowledge/')).toBe('knowledge');
    expect(routeOf('/console/bot')).toBe('bot');
    expect(routeOf('/console/tickets')).toBe('tickets');
  });

  it('falls back to the inbox for anything else', () => {
    expect(routeOf('/console/nope')).toBe('inbox');
    expect(routeOf('/console/knowledgebase')).toBe('inbox');
    expect(routeOf('/knowledge')).toBe('inbox');
    expect(routeOf('')).toBe('inbox');
  });

  it('round-trips with hrefOf', () => {
    for (const route of ['inbox', 'tickets', 'knowledge', 'bot'] as const)
      expect(routeOf(hrefOf(route))).toBe(route);
    expect(hrefOf('inbox')).toBe('/console/');
  });
});
