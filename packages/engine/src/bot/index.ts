export { type CreateFaqBotOptions, createFaqBot, createFaqBotInWorker } from './createFaqBot.ts';
export { engineMatcher } from './engineMatcher.ts';
export { createFaqBotWith, type FaqBotOptions } from './faqBot.ts';
export { detectHandoffRequest, type HandoffRequest } from './handoff.ts';
export { createLexicalMatcher, type LexicalMatcherOptions } from './lexicalMatcher.ts';
export { createLiveFaqBot, type LiveFaqBot } from './liveFaqBot.ts';
export type { FaqCandidate, FaqMatch, FaqMatcher } from './matcher.ts';
export * from './types.ts';
