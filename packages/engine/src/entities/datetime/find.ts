import { type Candidate, PRIORITY } from '../candidate.ts';
import { keepNonOverlapping, longestFirst } from '../overlap.ts';
import type { DateTimeValue } from '../types.ts';
import { numericAtoms } from './common.ts';
import { enAtoms } from './en.ts';
import { type DateAtom, type DateParts, mergeParts } from './parts.ts';
import { type ResolveContext, resolveParts } from './resolve.ts';
import { zhAtoms } from './zh.ts';

// What may sit between two pieces of one expression: 明天的下午, tomorrow at 3pm, Friday, 8:30, 2026-03-05T15:30.
const GAP = /^(?:[\s,，]*(?:的|at|on|in\s+the|by|around|T)?[\s,，]*)$/i;
const MAX_GAP = 12;
const RANGE_CONNECTOR = /^\s*(?:到|至|~|-|–|—|to|till|until|through|thru|and)\s*$/i;

export interface DateTimeContext extends ResolveContext {
  dayFirst: boolean;
}

/** Dates, times and ranges in Chinese and English, resolved against ctx.now in ctx.timeZone. */
export function datetimeCandidates(text: string, ctx: DateTimeContext): Candidate[] {
  const atoms = keepNonOverlapping(
    [...numericAtoms(text, ctx.dayFirst), ...zhAtoms(text), ...enAtoms(text)],
    longestFirst,
  );
  const resolved = new Map<DateParts, DateTimeValue | null>();
  const resolve = (parts: DateParts): DateTimeValue | null => {
    if (!resolved.has(parts)) resolved.set(parts, resolveParts(parts, ctx));
    return resolved.get(parts) ?? null;
  };
  const chains = joinRanges(chain(atoms, text), text, resolve);
  const out: Candidate[] = [];
  for (const c of chains) {
    if (c.weak) continue;
    const value = resolve(c.parts);
    if (value === null) continue;
    out.push({ start: c.start, end: c.end, priority: PRIORITY.datetime, data: { type: 'datetime', value } });
  }
  return out;
}

/** Adjacent atoms saying different things become one expression: 明天 + 下午 + 三点. */
function chain(atoms: DateAtom[], text: string): DateAtom[] {
  const out: DateAtom[] = [];
  let current: DateAtom | null = null;
  for (const atom of atoms) {
    if (current !== null) {
      const gap = text.slice(current.end, atom.start);
      const merged: DateParts | null =
        gap.length <= MAX_GAP && GAP.test(gap) ? mergeParts(current.parts, atom.parts) : null;
      if (merged !== null) {
        current = {
          start: current.start,
          end: atom.end,
          parts: merged,
          weak: current.weak === true && atom.weak === true,
        };
        continue;
      }
      out.push(current);
    }
    current = atom;
  }
  if (current !== null) out.push(current);
  return out;
}

/** 周一到周五, 3月5日至8日, 9am to 5pm, between Monday and Wednesday. Resolution checks end > start. */
function joinRanges(
  chains: DateAtom[],
  text: string,
  resolve: (parts: DateParts) => DateTimeValue | null,
): DateAtom[] {
  const out: DateAtom[] = [];
  for (let i = 0; i < chains.length; i++) {
    const a = chains[i]!;
    const b = chains[i + 1];
    if (b !== undefined && a.parts.to === undefined && b.parts.to === undefined) {
      const gap = text.slice(a.end, b.start);
      const isAnd = /^\s*and\s*$/i.test(gap);
      const between = /\bbetween\s+$/i.test(text.slice(Math.max(0, a.start - 10), a.start));
      const parts = { ...a.parts, to: b.parts };
      if (RANGE_CONNECTOR.test(gap) && isAnd === between && resolve(parts) !== null) {
        out.push({ start: a.start, end: b.end, parts, weak: a.weak === true && b.weak === true });
        i++;
        continue;
      }
    }
    out.push(a);
  }
  return out;
}
