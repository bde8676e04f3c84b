export * from './database.ts';
export { usePgliteWorkerBundle } from './pglite/workerDialect.ts';
export * from './pubsub/memoryEventBus.ts';
export * from './repositories/analytics.ts';
export * from './repositories/analyticsExport.ts';
export * from './repositories/analyticsQueries.ts';
export * from './repositories/analyticsRetention.ts';
export type { AuthRepository } from './repositories/auth.ts';
export type {
  CannedReplyFilter,
  CannedReplyInput,
  CannedReplyRecord,
  CannedReplyRepository,
  CannedReplySave,
} from './repositories/cannedReplies.ts';
export type {
  ConversationSearchFilter,
  ConversationSearchRepository,
  ConversationSearchRow,
} from './repositories/conversationSearch.ts';
export type { DefinitionKind, DefinitionRepository, DefinitionVersion } from './repositories/definitions.ts';
export * from './repositories/demand.ts';
export * from './repositories/documents.ts';
export type { HistoryRepository, PastConversation } from './repositories/history.ts';
export { type IdentityRepository, newIdentitySecret } from './repositories/identity.ts';
export type { InboxRepository, InboxRow, InboxView } from './repositories/inbox.ts';
export {
  type KnowledgeChangeKind,
  type KnowledgeEntryInput,
  type KnowledgeEntryRecord,
  type KnowledgeRepository,
  type KnowledgeVersionRecord,
  type KnowledgeWrite,
  knowledgeSnapshot,
  sameKnowledgeEntry,
} from './repositories/knowledge.ts';
export * from './repositories/llm.ts';
export type { PeopleRepository, PersonPatch, PersonRecord } from './repositories/people.ts';
export type { SetupRepository } from './repositories/setup.ts';
export * from './repositories/trainedModels.ts';
export type { WidgetAppearanceRepository } from './repositories/widgetAppearance.ts';
export type { Database } from './schema.ts';
export * from './store.ts';
export * from './testing.ts';
