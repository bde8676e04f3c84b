import { DomainError, type User } from '@tandem/domain';
import {
  type BotSettings,
  defaultBotSettings,
  FLOW_PREFIX,
  type FlowDefinition,
  type KnowledgeEntry,
  matcherEntries,
  parseBotSettings,
  parseFlow,
} from '@tandem/engine';
import type { IntentSummary } from '@tandem/protocol';
import type { DefinitionVersion, KnowledgeEntryRecord, SqlStore } from '@tandem/storage';

/** The model's admin views (intents, vocabulary, report) are for admins only. */
export function assertAdminOfModel(user: User): void {
  if (user.role !== 'admin') throw new DomainError('forbidden', "only admins may change the bot's model");
}

export interface StoredFlow {
  definition: DefinitionVersion;
  /** null: the stored source no longer parses (the bot skips it too) */
  flow: FlowDefinition | null;
}

/** What a workspace's bot learns from, read as the brain registry reads it, plus what is switched off. */
export interface WorkspaceTraining {
  /** every entry, switched off or not */
  knowledge: KnowledgeEntryRecord[];
  /** the running flows, then the newest version of each switched-off one (`definition.active` false) */
  flows: StoredFlow[];
  settings: { definition: DefinitionVersion | null; settings: BotSettings };
}

const parsedFlow = (definition: DefinitionVersion): StoredFlow => {
  const parsed = parseFlow(definition.source, definition.format);
  return { definition, flow: parsed.ok ? parsed.flow : null };
};

export async function loadTraining(store: SqlStore, workspaceId: string): Promise<WorkspaceTraining> {
  const [knowledge, active, off, [settingsDef]] = await Promise.all([
    store.knowledge.list(workspaceId),
    store.definitions.listActive(workspaceId, 'flow'),
    store.definitions.listSwitchedOff(workspaceId, 'flow'),
    store.definitions.listActive(workspaceId, 'settings'),
  ]);
  const parsedSettings = settingsDef ? parseBotSettings(settingsDef.source, settingsDef.format) : null;
  return {
    knowledge,
    flows: [...active, ...off].map(parsedFlow),
    settings: {
      definition: settingsDef ?? null,
      settings: parsedSettings?.ok ? parsedSettings.settings : defaultBotSettings,
    },
  };
}

/** The matcher's entries (knowledge and flow triggers) exactly as the running bot is trained on them. */
export function learnedEntries(training: WorkspaceTraining): KnowledgeEntry[] {
  const knowledge = training.knowledge
    .filter((entry) => entry.enabled)
    .map(({ enabled: _enabled, ...entry }) => entry);
  const flows = training.flows.flatMap((f) => (f.definition.active && f.flow ? [f.flow] : []));
  return matcherEntries({ knowledge, flows, rules: [], settings: training.settings.settings });
}

export const entryIntent = (entry: KnowledgeEntryRecord): IntentSummary => ({
  id: entry.id,
  source: 'knowledge',
  key: entry.id,
  name: { zh: entry.questions.zh[0] ?? null, en: entry.questions.en[0] ?? null },
  category: entry.category,
  enabled: entry.enabled,
  editable: true,
  examples: { zh: [...entry.questions.zh], en: [...entry.questions.en] },
});

export const flowIntent = (definition: DefinitionVersion, flow: FlowDefinition): IntentSummary => ({
  id: `${FLOW_PREFIX}${flow.id}`,
  source: 'flow',
  key: definition.key,
  name: { zh: flow.name.zh, en: flow.name.en },
  category: null,
  enabled: definition.active,
  editable: definition.active,
  examples: { zh: [...flow.trigger.examples.zh], en: [...flow.trigger.examples.en] },
});

/** Every intent of the workspace: knowledge entries by id, then flows by id. */
export function intentsOf(training: WorkspaceTraining): IntentSummary[] {
  const entries = [...training.knowledge].sort((a, b) => a.id.localeCompare(b.id)).map(entryIntent);
  const flows = training.flows
    .flatMap(({ definition, flow }) => (flow ? [flowIntent(definition, flow)] : []))
    .sort((a, b) => a.key.localeCompare(b.key));
  return [...entries, ...flows];
}
