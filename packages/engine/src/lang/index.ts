export { type Analysis, Analyzer, type AnalyzerOptions } from './analyzer.ts';
export { warmUpSegmenter } from './chinese.ts';
export { detectLanguage, hasHan } from './detect.ts';
export { splitEnglishWords, stem } from './english.ts';
export { clampLength, MAX_INPUT_CHARS, normalizeText } from './normalize.ts';
export { SynonymTable } from './synonyms.ts';
export { toSimplified } from './traditional.ts';
export { editDistance, TypoCorrector } from './typo.ts';
export { UserDictionary } from './userDictionary.ts';
