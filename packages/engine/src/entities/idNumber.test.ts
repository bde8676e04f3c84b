import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';
import { isValidChineseId } from './idNumber.ts';

const now = new Date('2026-03-04T10:00:00+08:00');
const ids = (text: string) => extractEntities(text, { now }).filter((e) => e.type === 'id_number');

describe('Chinese resident ID numbers', () => {
  it('reads a valid ID with its birth date and gender', () => {
    expect(ids('身份证号11010519491231002X')).toEqual([
      {
        type: 'id_number',
        text: '11010519491231002X',
        start: 4,
        end: 22,
        value: { id: '11010519491231002X', region: '110105', birthDate: '1949-12-31', gender: 'female' },
      },
    ]);
    expect(ids('id 44030519900101123x')[0]?.value).toEqual({
      id: '44030519900101123X',
      region: '440305',
      birthDate: '1990-01-01',
      gender: 'male',
    });
  });

  it('accepts an ID written in 6-8-4 groups and full width', () => {
    expect(ids('110105 19491231 002X')).toHaveLength(1);
    expect(ids('１１０１０５１９４９１２３１００２Ｘ')).toHaveLength(1);
  });

  it('rejects a wrong check character', () => {
    expect(isValidChineseId('110105194912310021')).toBe(false);
    expect(ids('110105194912310021')).toEqual([]);
  });

  it('rejects a birth date that does not exist or is in the future', () => {
    // Both have correct check characters.
    expect(isValidChineseId('440305199002301239', now)).toBe(false);
    expect(isValidChineseId('11010520300101001X', now)).toBe(false);
  });

  it('rejects an unknown province code', () => {
    expect(isValidChineseId('990305199001011230', now)).toBe(false);
  });
});
