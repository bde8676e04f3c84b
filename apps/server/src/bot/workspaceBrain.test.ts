import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../paths.ts';
import {
  PARSED_DEFINITIONS_KEEP,
  parsedDefinitionsKept,
  parseFlowCached,
  parseRulesCached,
} from './workspaceBrain.ts';

const source = readFileSync(fromRoot('apps/server/src/demo/flows/change_address.yaml'), 'utf8');

const rulesSource = readFileSync(fromRoot('apps/server/src/demo/rules.yaml'), 'utf8');

describe('parsed flows and rules are kept by their text', () => {
  it('parses a stored flow once, and again when its text changes', () => {
    const first = parseFlowCached(source, 'yaml');
    expect(first.ok).toBe(true);
    // the same text: the very same parsed flow, no second parse
    expect(parseFlowCached(source, 'yaml')).toBe(first);
    const renamed = source.replace(/^id: .*$/m, 'id: change_address_copy');
    expect(renamed).not.toBe(source);
    const second = parseFlowCached(renamed, 'yaml');
    expect(second.ok && second.flow.id).toBe('change_address_copy');
    expect(second).not.toBe(first);
  });

  it('keeps rules apart from flows, by their text too', () => {
    const rules = parseRulesCached(rulesSource, 'yaml');
    expect(rules.ok).toBe(true);
    expect(parseRulesCached(rulesSource, 'yaml')).toBe(rules);
    expect(parseRulesCached(`${rulesSource}\n# edited\n`, 'yaml')).not.toBe(rules);
  });

  it('does not keep a flow that does not parse', () => {
    const before = parsedDefinitionsKept();
    expect(parseFlowCached('id: [unclosed', 'yaml').ok).toBe(false);
    expect(parsedDefinitionsKept()).toBe(before);
  });

  it('stays bounded', () => {
    const variant = (i: number) => source.replace(/^id: .*$/m, `id: bounded_${i}`);
    const oldest = parseFlowCached(variant(0), 'yaml');
    for (let i = 1; i < PARSED_DEFINITIONS_KEEP + 20; i++)
      expect(parseFlowCached(variant(i), 'yaml').ok).toBe(true);
    expect(parsedDefinitionsKept()).toBe(PARSED_DEFINITIONS_KEEP);
    // the least recently used went first: the oldest is parsed anew, the newest is still kept
    const newest = parseFlowCached(variant(PARSED_DEFINITIONS_KEEP + 19), 'yaml');
    expect(parseFlowCached(variant(PARSED_DEFINITIONS_KEEP + 19), 'yaml')).toBe(newest);
    expect(parseFlowCached(variant(0), 'yaml')).not.toBe(oldest);
  });
});
