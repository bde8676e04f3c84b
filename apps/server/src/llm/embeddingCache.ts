/**
 * Embeddings already computed, by model and text (least recently used dropped first): a question asked
 * again, a chunk re-indexed unchanged, a training phrase — none is sent to the provider twice.
 */
export function createEmbeddingCache(capacity = 20_000) {
  const entries = new Map<string, number[]>();
  const key = (model: string, text: string) => `${model}\u0000${text}`;
  return {
    get(model: string, text: string): number[] | undefined {
      const k = key(model, text);
      const hit = entries.get(k);
      if (hit) {
        entries.delete(k);
        entries.set(k, hit);
      }
      return hit;
    },
    set(model: string, text: string, vector: number[]): void {
      const k = key(model, text);
      entries.delete(k);
      entries.set(k, vector);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
    get size(): number {
      return entries.size;
    },
  };
}
export type EmbeddingCache = ReturnType<typeof createEmbeddingCache>;
