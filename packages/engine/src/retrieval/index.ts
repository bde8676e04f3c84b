export { type Bm25Hit, Bm25Index, type Bm25Options } from './bm25.ts';
export * from './documents/index.ts';
export {
  FaqEngine,
  type FaqEngineOptions,
  type FaqFusionOptions,
  type FaqScore,
  type FaqSearchResult,
  trainFaqEngine,
  trainFaqEngineInWorker,
} from './faqEngine.ts';
export { answerSentences, faqExamples } from './faqExamples.ts';
export { type FaqHit, FaqIndex } from './faqIndex.ts';
export { lexicalTerms } from './terms.ts';
