export * from './bot/index.ts';
export * from './emotion/index.ts';
export * from './entities/index.ts';
export * from './eval/index.ts';
export * from './lang/index.ts';
export * from './nlu/index.ts';
export * from './retrieval/index.ts';
