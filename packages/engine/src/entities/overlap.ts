interface Span {
  start: number;
  end: number;
}

/**
 * Keeps spans in `order` (best first) that do not overlap one already kept; returns them by position.
 * Linear in the total length of the spans, so thousands of candidates in a long message stay cheap.
 */
export function keepNonOverlapping<T extends Span>(spans: T[], order: (a: T, b: T) => number): T[] {
  const taken = new Set<number>();
  const kept: T[] = [];
  for (const span of [...spans].sort(order)) {
    if (span.end <= span.start) continue;
    let free = true;
    for (let i = span.start; i < span.end && free; i++) free = !taken.has(i);
    if (!free) continue;
    for (let i = span.start; i < span.end; i++) taken.add(i);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Longer first; then higher priority; then earlier. */
export function longestFirst<T extends Span & { priority?: number }>(a: T, b: T): number {
  return b.end - b.start - (a.end - a.start) || (b.priority ?? 0) - (a.priority ?? 0) || a.start - b.start;
}
