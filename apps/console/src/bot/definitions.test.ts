import { parseBotSettings, parseFlow, parseRules } from '@tandem/engine';
import { describe, expect, it } from 'vitest';
import type { DefinitionVersion } from '../api.ts';
import { isEdited, itemsOf, newFlowId, offKeysOf, setOff, templateOf } from './definitions.ts';

const version = (key: string): DefinitionVersion => ({
  key,
  version: 1,
  format: 'yaml',
  source: 'x',
  active: true,
  createdAt: '2026-11-23T08:00:00.000Z',
  createdBy: null,
});

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
  };
}

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
  it('lists running definitions by key, then the switched-off ones once', () => {
    const items = itemsOf([version('b'), version('a')], ['z', 'a', 'z']);
    expect(items.map((i) => [i.key, i.active !== null])).toEqual([
      ['a', true],
      ['b', true],
      ['z', false],
    ]);
  });
});

describe('switched-off definitions', () => {
  it('are remembered per kind and forgotten when switched on', () => {
    const storage = memoryStorage();
    setOff(storage, 'flow', 'order_status', true);
    setOff(storage, 'flow', 'order_status', true);
    setOff(storage, 'rules', 'rules', true);
    expect(offKeysOf(storage, 'flow')).toEqual(['order_status']);
    setOff(storage, 'flow', 'order_status', false);
    expect(offKeysOf(storage, 'flow')).toEqual([]);
    expect(offKeysOf(storage, 'rules')).toEqual(['rules']);
  });

  it('survive garbage in storage', () => {
    const storage = memoryStorage();
    storage.setItem('tandem.console.definitionsOff', '{not json');
    expect(offKeysOf(storage, 'flow')).toEqual([]);
    storage.setItem('tandem.console.definitionsOff', JSON.stringify({ flow: ['a', 3] }));
    expect(offKeysOf(storage, 'flow')).toEqual(['a']);
  });
});

describe('isEdited', () => {
  it('ignores trailing whitespace only', () => {
    expect(isEdited('a: 1\n\n', 'a: 1')).toBe(false);
    expect(isEdited('a: 2', 'a: 1')).toBe(true);
  });
});
