import { type Candidate, PRIORITY } from './candidate.ts';

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,24}$/;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/**
 * E-mail addresses, found by growing outwards from each @ (linear time, no regex backtracking).
 * ASCII addresses only; the text has already been folded, so full-width ａｂｃ＠ｑｑ．ｃｏｍ counts.
 */
export function emailCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('@', from);
    if (at < 0) break;
    from = at + 1;
    let start = at;
    while (start > 0 && at - start < MAX_LOCAL && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    let end = at + 1;
    while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end] ?? '')) end++;
    while (start < at && /[.+-]/.test(text[start] ?? '')) start++;
    while (end > at + 1 && /[.-]/.test(text[end - 1] ?? '')) end--;
    const local = text.slice(start, at);
    const domain = text.slice(at + 1, end);
    if (!validLocal(local) || !validDomain(domain)) continue;
    const value = text.slice(start, end).toLowerCase();
    out.push({ start, end, priority: PRIORITY.email, data: { type: 'email', value } });
  }
  return out;
}

function validLocal(local: string): boolean {
  return local.length > 0 && !local.endsWith('.') && !local.includes('..');
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1] ?? '');
}
