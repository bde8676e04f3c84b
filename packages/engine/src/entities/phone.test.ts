import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';
import type { PhoneValue } from './types.ts';

const phones = (text: string): Array<{ text: string } & PhoneValue> =>
  extractEntities(text).flatMap((e) => (e.type === 'phone' ? [{ text: e.text, ...e.value }] : []));

describe('phone numbers', () => {
  it.each([
    ['13800138000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['+86 138 0013 8000'],
    ['+8613800138000'],
    ['008613800138000'],
    ['(+86) 13800138000'],
    ['１３８００１３８０００'],
  ])('CN mobile %s', (text) => {
    expect(phones(`电话${text}。`)).toEqual([
      { text, kind: 'mobile', e164: '+8613800138000', national: '13800138000' },
    ]);
  });

  it('reads CN landlines with area codes and extensions', () => {
    expect(phones('座机010-62345678转123')).toEqual([
      {
        text: '010-62345678转123',
        kind: 'landline',
        e164: '+861062345678',
        national: '01062345678',
        extension: '123',
      },
    ]);
    expect(phones('(0755)2345 6789')).toMatchObject([{ kind: 'landline', national: '075523456789' }]);
    expect(phones('+86 21 6234 5678')).toMatchObject([{ kind: 'landline', e164: '+862162345678' }]);
  });

  it('reads 400/800 hotlines', () => {
    expect(phones('客服热线400-800-1234')).toEqual([
      { text: '400-800-1234', kind: 'service', e164: null, national: '4008001234' },
    ]);
  });

  it('reads international numbers', () => {
    expect(phones('call +44 20 7946 0958 or +1 (415) 555-0132')).toEqual([
      { text: '+44 20 7946 0958', kind: 'international', e164: '+442079460958', national: '442079460958' },
      { text: '+1 (415) 555-0132', kind: 'international', e164: '+14155550132', national: '14155550132' },
    ]);
    expect(phones('my number is 415-555-0132')).toMatchObject([{ e164: '+14155550132' }]);
  });

  it('does not read numbers inside longer digit strings or codes', () => {
    expect(phones('138001380001')).toEqual([]);
    expect(phones('TD13800138000')).toEqual([]);
    expect(phones('12800138000')).toEqual([]);
    expect(phones('+1 234')).toEqual([]);
    expect(phones('+12345678901234567')).toEqual([]);
  });
});
