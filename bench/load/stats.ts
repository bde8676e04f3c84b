/** Small helpers shared by the generator and the runner: clocks, percentiles, counters, markdown. */

/** Milliseconds since the epoch with sub-millisecond resolution, comparable between processes. */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A small seeded PRNG (mulberry32): every run offers the same schedule, so Tandem and the echo get equal load. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentile of unsorted values (NaN when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export type Counts = Record<string, number>;

export function bump(counts: Counts, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export function mergeCounts(into: Counts, from: Counts): Counts {
  for (const [key, value] of Object.entries(from)) bump(into, key, value);
  return into;
}

export const total = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

export const formatCounts = (counts: Counts) =>
  Object.keys(counts).length === 0
    ? '0'
    : Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([key, value]) => `${key} ${value}`)
        .join(', ');

export const ms = (value: number) =>
  Number.isNaN(value) ? '–' : value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;

export const num = (value: number, digits = 1) => (Number.isNaN(value) ? '–' : value.toFixed(digits));

export const mb = (kb: number) => (Number.isNaN(kb) ? '–' : `${Math.round(kb / 1024)} MB`);

export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
