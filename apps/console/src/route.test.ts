import { describe, expect, it } from 'vitest';
import { hrefOf, routeOf, routes, sectionOf } from './route.ts';

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
    for (const route of routes) expect(routeOf(hrefOf(route))).toBe(route);
    expect(routeOf(hrefOf('settings', 'people'))).toBe('settings');
    expect(sectionOf(hrefOf('settings', 'people'))).toBe('people');
    expect(sectionOf(hrefOf('settings'))).toBeUndefined();
    expect(hrefOf('inbox')).toBe('/console/');
  });
});
