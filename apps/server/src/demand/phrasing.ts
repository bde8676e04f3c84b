/** A question reduced to what makes it the same question: case, spaces and punctuation left out. */
export function phrasingKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, '')
    .slice(0, 300);
}

/** Character-bigram overlap (Dice) of two texts, 0..1: how nearly the customer said the same thing again. */
export function likeness(a: string, b: string): number {
  const grams = (text: string): Map<string, number> => {
    const chars = Array.from(phrasingKey(text));
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i]! + chars[i + 1]!;
      out.set(g, (out.get(g) ?? 0) + 1);
    }
    return out;
  };
  const x = grams(a);
  const y = grams(b);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) {
    shared += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? (phrasingKey(a) === phrasingKey(b) ? 1 : 0) : (2 * shared) / total;
}
