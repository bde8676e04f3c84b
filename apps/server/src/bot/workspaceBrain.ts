import {
  defaultBotSettings,
  type FlowDefinition,
  type KnowledgeEntry,
  parseBotSettings,
  parseFlow,
  parseRules,
  type RuleDefinition,
  type WorkspaceBrain,
} from '@tandem/engine';
import type { SqlStore } from '@tandem/storage';

/** Where a stored definition that no longer parses is reported (the bot runs without it). */
export interface BrainLog {
  error(obj: object, msg: string): void;
}

/** The active rules; none when the stored rules no longer parse. */
export async function loadRules(
  store: SqlStore,
  workspaceId: string,
  log: BrainLog,
): Promise<RuleDefinition[]> {
  const [active] = await store.definitions.listActive(workspaceId, 'rules');
  if (!active) return [];
  const parsed = parseRules(active.source, active.format);
  if (parsed.ok) return parsed.rules;
  log.error({ workspaceId, version: active.version }, 'stored rules no longer parse; running without rules');
  return [];
}

/**
 * What a workspace's bot is built from: the enabled knowledge entries (switched-off ones stay in the
 * knowledge base and its history but are not answered from), the active version of each flow, the rules and
 * the settings. The running bot (brainRegistry) and the flow test run (a draft in place of one flow) both
 * start here, so a test run answers as the bot would.
 */
export async function loadWorkspaceBrain(
  store: SqlStore,
  workspaceId: string,
  log: BrainLog,
): Promise<WorkspaceBrain> {
  const knowledge: KnowledgeEntry[] = (await store.knowledge.list(workspaceId))
    .filter((entry) => entry.enabled !== false)
    .map(({ enabled: _enabled, ...entry }) => entry);
  const flows: FlowDefinition[] = [];
  for (const def of await store.definitions.listActive(workspaceId, 'flow')) {
    const parsed = parseFlow(def.source, def.format);
    if (parsed.ok) flows.push(parsed.flow);
    else
      log.error(
        { workspaceId, flow: def.key, version: def.version },
        'stored flow no longer parses; skipped',
      );
  }
  const [settingsDef] = await store.definitions.listActive(workspaceId, 'settings');
  const parsedSettings = settingsDef ? parseBotSettings(settingsDef.source, settingsDef.format) : null;
  const settings = parsedSettings?.ok ? parsedSettings.settings : defaultBotSettings;
  const rules = await loadRules(store, workspaceId, log);
  return { knowledge, flows, rules, settings };
}
