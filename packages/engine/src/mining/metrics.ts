/** Agreement of a clustering with true labels (both as one label per item). */
export interface ClusterAgreement {
  /** normalised mutual information (arithmetic mean of the entropies), 0..1 */
  nmi: number;
  /** adjusted Rand index, about 0 for chance, 1 for identical partitions */
  ari: number;
  /** share of items whose cluster's most common label is their own */
  purity: number;
}

/** Labels → dense numbers, so any label type counts the same. */
function codes(labels: readonly (string | number)[]): { codes: Int32Array; count: number } {
  const ids = new Map<string | number, number>();
  const out = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    let id = ids.get(label);
    if (id === undefined) {
      id = ids.size;
      ids.set(label, id);
    }
    out[i] = id;
  });
  return { codes: out, count: ids.size };
}

const entropy = (counts: Iterable<number>, n: number): number => {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
};

const pairs = (x: number): number => (x * (x - 1)) / 2;

/** NMI, ARI and purity of `predicted` against `truth`. */
export function clusterAgreement(
  truth: readonly (string | number)[],
  predicted: readonly (string | number)[],
): ClusterAgreement {
  if (truth.length !== predicted.length) throw new Error('truth and predicted differ in length');
  const n = truth.length;
  if (n === 0) return { nmi: 1, ari: 1, purity: 1 };
  const t = codes(truth);
  const p = codes(predicted);
  const cells = new Map<number, number>();
  const rows = new Array<number>(t.count).fill(0);
  const cols = new Array<number>(p.count).fill(0);
  for (let i = 0; i < n; i++) {
    const key = t.codes[i]! * p.count + p.codes[i]!;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows[t.codes[i]!]! += 1;
    cols[p.codes[i]!]! += 1;
  }
  let mi = 0;
  const best = new Array<number>(p.count).fill(0);
  for (const [key, c] of cells) {
    const a = rows[Math.floor(key / p.count)]!;
    const col = key % p.count;
    mi += (c / n) * Math.log((n * c) / (a * cols[col]!));
    best[col] = Math.max(best[col]!, c);
  }
  const hT = entropy(rows, n);
  const hP = entropy(cols, n);
  const nmi = hT + hP === 0 ? 1 : (2 * mi) / (hT + hP);
  let index = 0;
  for (const c of cells.values()) index += pairs(c);
  const sumRows = rows.reduce((s, a) => s + pairs(a), 0);
  const sumCols = cols.reduce((s, b) => s + pairs(b), 0);
  const expected = n < 2 ? 0 : (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  const ari = max === expected ? 1 : (index - expected) / (max - expected);
  const correct = best.reduce((s, c) => s + c, 0);
  return { nmi, ari, purity: correct / n };
}
