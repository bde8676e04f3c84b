export * from './database.ts';
export * from './pubsub/memoryEventBus.ts';
export type { AuthRepository } from './repositories/auth.ts';
export type { InboxRepository, InboxRow, InboxView } from './repositories/inbox.ts';
export type { KnowledgeEntryRecord, KnowledgeRepository } from './repositories/knowledge.ts';
export type { SetupRepository } from './repositories/setup.ts';
export type { Database } from './schema.ts';
export * from './store.ts';
export * from './testing.ts';
