/** Optimal string alignment distance (Levenshtein + adjacent transposition), stopping early above max. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Edits allowed for a word of this length: short words are too ambiguous to correct, very long ones are not words. */
function allowedEdits(length: number): number {
  if (length < 4 || length > 24) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Corrects misspelt words to the nearest known word (symmetric-delete lookup, so it stays fast
 * on large vocabularies). Ties go to the more frequent word.
 */
export class TypoCorrector {
  private readonly counts: Map<string, number>;
  private readonly index = new Map<string, string[]>();
  private readonly memo = new Map<string, string>();

  constructor(counts: Map<string, number>) {
    this.counts = counts;
    for (const word of counts.keys()) {
      if (allowedEdits(word.length + 1) === 0) continue;
      for (const key of [word, ...deletes(word)]) {
        const list = this.index.get(key);
        if (list) list.push(word);
        else this.index.set(key, [word]);
      }
    }
  }

  has(word: string): boolean {
    return this.counts.has(word);
  }

  /** The word itself when known or when nothing is close enough; otherwise the closest known word. */
  correct(word: string): string {
    if (this.counts.has(word)) return word;
    const max = allowedEdits(word.length);
    if (max === 0) return word;
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const keys = new Set([word, ...deletes(word)]);
    if (max >= 2) for (const d of deletes(word)) for (const dd of deletes(d)) keys.add(dd);
    let best = word;
    let bestDistance = max + 1;
    let bestCount = 0;
    for (const key of keys) {
      for (const candidate of this.index.get(key) ?? []) {
        const distance = editDistance(word, candidate, max);
        const count = this.counts.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && count > bestCount)) {
          best = candidate;
          bestDistance = distance;
          bestCount = count;
        }
      }
    }
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(word, best);
    return best;
  }
}
