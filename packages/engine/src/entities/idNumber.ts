import { type Candidate, PRIORITY } from './candidate.ts';
import type { IdNumberValue } from './types.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// First two digits: the province-level division (GB/T 2260), incl. 71 Taiwan, 81 Hong Kong, 82 Macau.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83, 91,
]);
// 6-digit region, 8-digit birth date, 3-digit sequence, check character; optional spaces as 6-8-4.
const ID = /(?<![\dA-Za-z])(\d{6})[ -]?((?:18|19|20)\d{6})[ -]?(\d{3}[\dXx])(?![\dA-Za-z])/g;

/**
 * The ISO 7064 MOD 11-2 check of an 18-character resident ID, plus a real birth date no later than
 * `now` and a known province code.
 */
export function isValidChineseId(id: string, now: Date = new Date()): boolean {
  return readChineseId(id.replace(/[ -]/g, ''), now) !== null;
}

export function idNumberCandidates(text: string, now: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(ID)) {
    const value = readChineseId(`${m[1]}${m[2]}${m[3]}`, now);
    if (value === null) continue;
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      priority: PRIORITY.idNumber,
      data: { type: 'id_number', value },
    });
  }
  return out;
}

function readChineseId(raw: string, now: Date): IdNumberValue | null {
  const id = raw.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  if (CHECK[sum % 11] !== id[17]) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  const date = new Date(birth);
  if (year < 1880 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (birth > now.getTime()) return null;
  return {
    id,
    region: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}
