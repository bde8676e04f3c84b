export * from './conversationEngine.ts';
export * from './flows/index.ts';
export * from './humanFirst.ts';
export * from './settings.ts';
export * from './transcripts/index.ts';
export * from './types.ts';
