import { type Candidate, PRIORITY } from './candidate.ts';

/** Letters then digits, optionally dashed: TD20240301001, SO-123456, ORD_88812345. */
export const DEFAULT_ORDER_PATTERNS = ['[A-Z]{1,4}[-_]?\\d{6,20}'];

const MAX_PATTERNS = 20;
const MAX_PATTERN_LENGTH = 200;
// A quantified group that itself contains a quantifier — (a+)+, (\d{2,}-?)* — can backtrack exponentially.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;
const BACKREFERENCE = /\\[1-9]|\\k</;

/** Compiles and checks workspace order patterns; returns the regexes or the problems found. */
export function compileOrderPatterns(sources: string[]): { patterns: RegExp[]; problems: string[] } {
  const problems: string[] = [];
  const patterns: RegExp[] = [];
  if (sources.length > MAX_PATTERNS) problems.push(`orderPatterns: at most ${MAX_PATTERNS} patterns`);
  for (const [i, source] of sources.slice(0, MAX_PATTERNS).entries()) {
    const where = `orderPatterns[${i}]`;
    if (typeof source !== 'string' || source.trim() === '') {
      problems.push(`${where}: must be a non-empty regex source such as "TD\\d{10}"`);
      continue;
    }
    if (source.length > MAX_PATTERN_LENGTH) {
      problems.push(`${where}: longer than ${MAX_PATTERN_LENGTH} characters`);
      continue;
    }
    if (NESTED_QUANTIFIER.test(source) || BACKREFERENCE.test(source)) {
      problems.push(
        `${where}: nested quantifiers or back-references can hang on long input; write bounded repeats like \\d{8,12}`,
      );
      continue;
    }
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'gi');
    } catch (error) {
      problems.push(`${where}: not a valid regex (${(error as Error).message})`);
      continue;
    }
    if (regex.test('')) {
      problems.push(`${where}: matches the empty string; an order number needs at least one character`);
      continue;
    }
    regex.lastIndex = 0;
    patterns.push(regex);
  }
  return { patterns, problems };
}

// 订单号：12345678 / order number 12345678: a digits-only token that only context makes an order number.
const CUED =
  /(?:订单号|订单编号|订单|单号|order\s?(?:number|no\.?|id|#)|order)\s?(?:是|为|:|#|is\s)?\s?([A-Za-z0-9][A-Za-z0-9-]{4,38}[A-Za-z0-9])(?![A-Za-z0-9])/gi;

/**
 * Order numbers: whole tokens matching a workspace pattern; with the default patterns also a
 * token of 6+ characters with 4+ digits right after 订单号 / order number.
 */
export function orderNumberCandidates(text: string, patterns: RegExp[], cued: boolean): Candidate[] {
  const out: Candidate[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      if (m[0].length === 0) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (/[A-Za-z0-9]/.test(text[start - 1] ?? '') || /[A-Za-z0-9]/.test(text[end] ?? '')) continue;
      out.push({ start, end, priority: PRIORITY.orderNumber, data: { type: 'order_number', value: m[0] } });
    }
  }
  if (!cued) return out;
  for (const m of text.matchAll(CUED)) {
    const token = m[1] ?? '';
    if ((token.match(/\d/g) ?? []).length < 4) continue;
    const end = m.index + m[0].length;
    const start = end - token.length;
    out.push({
      start,
      end,
      priority: PRIORITY.cuedOrderNumber,
      data: { type: 'order_number', value: token },
    });
  }
  return out;
}
