import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001_initial.ts';
import * as botDefinitions from './002_bot_definitions.ts';
import * as handoffTarget from './003_handoff_target.ts';
import * as identitySecret from './004_identity_secret.ts';
import * as messagePath from './005_message_path.ts';
import * as routing from './006_routing.ts';
import * as serviceLevels from './007_service_levels.ts';
import * as cannedReplies from './008_canned_replies.ts';
import * as attachments from './009_attachments.ts';
import * as people from './010_people.ts';
import * as knowledgeVersions from './011_knowledge_versions.ts';
import * as widgetAppearance from './012_widget_appearance.ts';
import * as readReceipts from './013_read_receipts.ts';
import * as analytics from './014_analytics.ts';
import * as demand from './015_demand.ts';
import * as llm from './016_llm.ts';
import * as trainedModels from './017_trained_models.ts';
import * as trainedModelUse from './018_trained_model_use.ts';
import * as analyticsSourceVersion from './019_analytics_source_version.ts';

/** Versioned migrations, in order. Never edit a released one: add the next. */
export const migrations: Record<string, Migration> = {
  '001_initial': initial,
  '002_bot_definitions': botDefinitions,
  '003_handoff_target': handoffTarget,
  '004_identity_secret': identitySecret,
  '005_message_path': messagePath,
  '006_routing': routing,
  '007_service_levels': serviceLevels,
  '008_canned_replies': cannedReplies,
  '009_attachments': attachments,
  '010_people': people,
  '011_knowledge_versions': knowledgeVersions,
  '012_widget_appearance': widgetAppearance,
  '013_read_receipts': readReceipts,
  '014_analytics': analytics,
  '015_demand': demand,
  '016_llm': llm,
  '017_trained_models': trainedModels,
  '018_trained_model_use': trainedModelUse,
  '019_analytics_source_version': analyticsSourceVersion,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
