/** Whose embedding a cache entry is: one workspace's provider (its address and model). */
export interface EmbeddingScope {
  workspaceId: string;
  baseUrl: string;
  model: string;
}

/**
 * Embeddings already computed (least recently used dropped first): a question asked again, a chunk
 * re-indexed unchanged, a training phrase — none is sent to the provider twice. Keyed by workspace, provider
 * address, model and text, so one workspace's provider never answers (or reveals what was asked of) another's;
 * vectors kept as 32-bit floats and the whole cache capped in bytes.
 */
export function createEmbeddingCache(maxBytes = 64 * 1024 * 1024) {
  const entries = new Map<string, Float32Array>();
  let bytes = 0;
  const key = (s: EmbeddingScope, text: string) =>
    `${s.workspaceId}\u0000${s.baseUrl}\u0000${s.model}\u0000${text}`;
  // (a string's characters take about two bytes each)
  const sizeOf = (k: string, v: Float32Array) => k.length * 2 + v.byteLength;
  const drop = (k: string) => {
    const v = entries.get(k);
    if (!v) return;
    entries.delete(k);
    bytes -= sizeOf(k, v);
  };
  return {
    get(scope: EmbeddingScope, text: string): number[] | undefined {
      const k = key(scope, text);
      const hit = entries.get(k);
      if (!hit) return undefined;
      entries.delete(k);
      entries.set(k, hit);
      return Array.from(hit);
    },
    set(scope: EmbeddingScope, text: string, vector: readonly number[]): void {
      const k = key(scope, text);
      drop(k);
      const v = Float32Array.from(vector);
      if (sizeOf(k, v) > maxBytes) return;
      entries.set(k, v);
      bytes += sizeOf(k, v);
      while (bytes > maxBytes) drop(entries.keys().next().value as string);
    },
    /** forgets a workspace's embeddings (its provider settings changed) */
    clearWorkspace(workspaceId: string): void {
      const prefix = `${workspaceId}\u0000`;
      for (const k of [...entries.keys()]) if (k.startsWith(prefix)) drop(k);
    },
    get size(): number {
      return entries.size;
    },
    get bytes(): number {
      return bytes;
    },
  };
}
export type EmbeddingCache = ReturnType<typeof createEmbeddingCache>;
