/** A set of code points as sorted, non-overlapping, non-adjacent inclusive ranges. */
export type CharSet = ReadonlyArray<readonly [number, number]>;

export const MAX_CODE_POINT = 0x10ffff;
export const EMPTY: CharSet = [];
export const ALL: CharSet = [[0, MAX_CODE_POINT]];

export function single(code: number): CharSet {
  return [[code, code]];
}

export function fromRanges(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

export function union(a: CharSet, b: CharSet): CharSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return fromRanges([...a, ...b]);
}

export function complement(set: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}

/** Adds the other ASCII case of every letter (what the `i` flag does for the letters rules mostly use). */
export function foldAsciiCase(set: CharSet): CharSet {
  const extra: Array<[number, number]> = [];
  for (const [lo, hi] of set) {
    const upLo = Math.max(lo, 0x41);
    const upHi = Math.min(hi, 0x5a);
    if (upLo <= upHi) extra.push([upLo + 32, upHi + 32]);
    const lowLo = Math.max(lo, 0x61);
    const lowHi = Math.min(hi, 0x7a);
    if (lowLo <= lowHi) extra.push([lowLo - 32, lowHi - 32]);
  }
  return extra.length === 0 ? set : fromRanges([...set, ...extra]);
}

export const DIGIT: CharSet = [[0x30, 0x39]];
export const WORD: CharSet = fromRanges([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
export const SPACE: CharSet = fromRanges([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
export const LINE_BREAK: CharSet = fromRanges([
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
]);
