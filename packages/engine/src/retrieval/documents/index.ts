export { type ChunkOptions, chunkSections, type DocumentChunk, type DocumentSection } from './chunk.ts';
export { type IndexedPassage, type PassageHit, PassageIndex, passageTerms } from './lexical.ts';
export {
  conceptEmbedding,
  hashedEmbedding,
  seededDirection,
} from './vectorMatch.ts';
export { cosine, nearest, reciprocalRankFusion } from './vectors.ts';
