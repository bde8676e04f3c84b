import { parseBotSettings, parseFlow, parseRules } from '@tandem/engine';
import { describe, expect, it } from 'vitest';
import type { DefinitionVersion } from '../api.ts';
import { isEdited, itemsOf, newFlowId, templateOf } from './definitions.ts';

const version = (key: string): DefinitionVersion => ({
  key,
  version: 1,
  format: 'yaml',
  source: 'x',
  active: true,
  createdAt: '2026-11-23T08:00:00.000Z',
  createdBy: null,
});

describe('templates', () => {
  it('are valid documents for the bot’s own parsers', () => {
    const flow = templateOf('flow', ['new_flow']);
    const parsedFlow = parseFlow(flow.source, flow.format);
    expect(parsedFlow.ok ? parsedFlow.flow.id : parsedFlow.errors).toBe('new_flow_2');
    const rules = templateOf('rules');
    expect(parseRules(rules.source, rules.format).ok).toBe(true);
    const settings = templateOf('settings');
    expect(parseBotSettings(settings.source, settings.format).ok).toBe(true);
  });

  it('pick a flow id that is not taken', () => {
    expect(newFlowId([])).toBe('new_flow');
    expect(newFlowId(['new_flow', 'new_flow_2'])).toBe('new_flow_3');
  });
});

describe('itemsOf', () => {
  it('lists running definitions by key, then the switched-off ones', () => {
    const items = itemsOf([version('b'), { ...version('z'), active: false }, version('a')]);
    expect(items.map((i) => [i.key, i.active !== null])).toEqual([
      ['a', true],
      ['b', true],
      ['z', false],
    ]);
  });
});

describe('isEdited', () => {
  it('ignores trailing whitespace only', () => {
    expect(isEdited('a: 1\n\n', 'a: 1')).toBe(false);
    expect(isEdited('a: 2', 'a: 1')).toBe(true);
  });
});
