export * from './conversationEngine.ts';
export * from './flows/index.ts';
export * from './humanFirst.ts';
export { chooseLanguage } from './language.ts';
export * from './settings.ts';
export { detectSmallTalk } from './smallTalk.ts';
export * from './transcripts/index.ts';
export * from './types.ts';
