import { describe, expect, it } from 'vitest';
import { EntityOptionsError } from './errors.ts';
import { extractEntities } from './extract.ts';
import { validateEntityOptions } from './options.ts';
import type { EntityType } from './types.ts';

describe('entity options', () => {
  it('accepts the defaults', () => {
    expect(validateEntityOptions({})).toEqual([]);
  });

  it('lists every problem at once, worded for the admin', () => {
    const problems = validateEntityOptions({
      now: new Date('not a date'),
      timezone: 'Asia/Beijing',
      types: ['money', 'zipcode' as EntityType],
      orderPatterns: ['('],
    });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^now:/);
    expect(problems[1]).toMatch(/Asia\/Beijing/);
    expect(problems[2]).toMatch(/unknown type "zipcode"/);
    expect(problems[3]).toMatch(/^orderPatterns\[0\]/);
  });

  it('throws one EntityOptionsError carrying the problems and a stable code', () => {
    try {
      extractEntities('明天', { timezone: 'Nowhere/Land' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EntityOptionsError);
      expect((error as EntityOptionsError).code).toBe('invalid_entity_options');
      expect((error as EntityOptionsError).problems).toEqual([
        'timezone: "Nowhere/Land" is not an IANA zone such as Asia/Shanghai',
      ]);
    }
  });
});
