/**
 * A deterministic embedding with no model: Latin words and Han characters and bigrams hashed into `dims`
 * dimensions, L2-normalised; `aliases` map a feature to another (synonyms a real model would know). Made for
 * tests and the offline measurement of the embedding path (loopback provider), not for production.
 */
export function hashedEmbedding(
  text: string,
  aliases: ReadonlyMap<string, string> = new Map(),
  dims = 256,
): number[] {
  const v = new Array<number>(dims).fill(0);
  const lower = text.toLowerCase();
  const features: string[] = [];
  for (const w of lower.match(/[a-z]+/g) ?? []) features.push(aliases.get(w) ?? w);
  const han = [...(lower.match(/\p{Script=Han}/gu) ?? [])];
  for (let i = 0; i < han.length; i++) {
    features.push(aliases.get(han[i] as string) ?? (han[i] as string));
    if (i + 1 < han.length) {
      const bigram = `${han[i]}${han[i + 1]}`;
      features.push(aliases.get(bigram) ?? bigram);
    }
  }
  for (const f of features) {
    let h = 2166136261;
    for (const ch of f) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619);
    const d = (h >>> 0) % dims;
    v[d] = (v[d] as number) + 1;
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

/** A deterministic unit vector for a name (normal draws seeded by its hash): a concept's direction in test embeddings. */
export function seededDirection(seed: string, dims = 256): number[] {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619);
  let state = h >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 4294967296;
  };
  const v = Array.from(
    { length: dims },
    () => Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next()),
  );
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / norm);
}

/**
 * A deterministic embedding that "knows" what a text means: the direction of its concept (weight `strength`;
 * none for a text of no known concept), its hashed words (0.5) and noise of its own (1 − strength),
 * L2-normalised. A stand-in for a pretrained encoder in tests and benchmarks (the loopback provider), never
 * for production.
 */
export function conceptEmbedding(text: string, concept: string | null, strength = 0.6, dims = 256): number[] {
  const v = new Array<number>(dims).fill(0);
  const add = (u: readonly number[], w: number) => {
    for (let i = 0; i < dims; i++) v[i] = (v[i] as number) + w * (u[i] as number);
  };
  if (concept !== null) add(seededDirection(`intent:${concept}`, dims), strength);
  add(hashedEmbedding(text, new Map(), dims), 0.5);
  add(seededDirection(`noise:${text}`, dims), 1 - strength);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}
