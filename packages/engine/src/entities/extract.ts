import { bankCardCandidates } from './bankCard.ts';
import type { Candidate } from './candidate.ts';
import { datetimeCandidates } from './datetime/find.ts';
import { emailCandidates } from './email.ts';
import { foldText, originalSpan } from './fold.ts';
import { idNumberCandidates } from './idNumber.ts';
import { listCandidates } from './lists.ts';
import { moneyCandidates } from './money.ts';
import { numberCandidates } from './numbers/candidates.ts';
import { findNumberSpans } from './numbers/find.ts';
import { type CompiledOptions, compileOptions } from './options.ts';
import { orderNumberCandidates } from './orderNumber.ts';
import { keepNonOverlapping, longestFirst } from './overlap.ts';
import { phoneCandidates } from './phone.ts';
import type { Entity, EntityOptions } from './types.ts';

/**
 * Every entity in the text, by position, without overlaps: where readings overlap the longest wins,
 * and at equal length the more specific one (an ID number over a card number over a plain number).
 * Throws EntityOptionsError when the options are invalid; never throws on the text.
 */
export function extractEntities(text: string, options: EntityOptions = {}): Entity[] {
  const config = compileOptions(options);
  if (typeof text !== 'string' || text.length === 0) return [];
  const folded = foldText(text);
  const found = detect(folded.text, config).map((c) => {
    const [start, end] = originalSpan(folded, c.start, c.end);
    return { ...c, start, end };
  });
  if (config.lists !== null && config.types.has('list')) found.push(...listCandidates(text, config.lists));
  const kept = keepNonOverlapping(
    found.filter((c) => config.types.has(c.data.type)),
    longestFirst,
  );
  return kept.map((c) => ({ ...c.data, text: text.slice(c.start, c.end), start: c.start, end: c.end }));
}

/** Candidates of every enabled type, in offsets of the folded text. */
function detect(text: string, config: CompiledOptions): Candidate[] {
  const { types } = config;
  const out: Candidate[] = [];
  const wants = (...names: Entity['type'][]) => names.some((n) => types.has(n));
  if (wants('number', 'ordinal', 'percent', 'money')) {
    const spans = findNumberSpans(text);
    if (wants('number', 'ordinal', 'percent')) out.push(...numberCandidates(text, spans));
    if (wants('money')) out.push(...moneyCandidates(text, spans));
  }
  if (wants('datetime')) {
    out.push(
      ...datetimeCandidates(text, { now: config.now, timeZone: config.timeZone, dayFirst: config.dayFirst }),
    );
  }
  if (wants('phone')) out.push(...phoneCandidates(text));
  if (wants('email')) out.push(...emailCandidates(text));
  if (wants('order_number'))
    out.push(...orderNumberCandidates(text, config.orderPatterns, config.cuedOrders));
  if (wants('id_number')) out.push(...idNumberCandidates(text, config.now));
  if (wants('bank_card')) out.push(...bankCardCandidates(text, config.now));
  return out;
}
