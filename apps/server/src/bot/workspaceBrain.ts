import { createHash } from 'node:crypto';
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

/**
 * Parsed definitions by their stored text: a knowledge save reloads the whole brain, and parsing every flow
 * and the rules again (YAML, schema, checks) took about 100–200 ms of the main thread per save for the demo's
 * five flows and its rules, while they rarely change. Keyed by content (kind + format + source), so an
 * edited or rolled-back definition is parsed anew; bounded, least recently used first out; only what parsed
 * is kept. A parsed definition is never modified (engines only read it).
 */
const parsedDefinitions = new Map<string, unknown>();
export const PARSED_DEFINITIONS_KEEP = 64;

function parseCached<R extends { ok: boolean }>(
  kind: 'flow' | 'rules',
  source: string,
  format: 'json' | 'yaml',
  parse: (source: string, format: 'json' | 'yaml') => R,
): R {
  const key = createHash('sha256').update(`${kind}\u0000${format}\u0000`).update(source).digest('base64');
  const known = parsedDefinitions.get(key) as R | undefined;
  if (known) {
    parsedDefinitions.delete(key);
    parsedDefinitions.set(key, known);
    return known;
  }
  const parsed = parse(source, format);
  if (parsed.ok) {
    parsedDefinitions.set(key, parsed);
    for (const old of parsedDefinitions.keys()) {
      if (parsedDefinitions.size <= PARSED_DEFINITIONS_KEEP) break;
      parsedDefinitions.delete(old);
    }
  }
  return parsed;
}

export const parseFlowCached = (source: string, format: 'json' | 'yaml') =>
  parseCached('flow', source, format, parseFlow);

export const parseRulesCached = (source: string, format: 'json' | 'yaml') =>
  parseCached('rules', source, format, parseRules);

/** How many parsed definitions are kept (for tests). */
export const parsedDefinitionsKept = (): number => parsedDefinitions.size;

/** The active rules; none when the stored rules no longer parse. */
export async function loadRules(
  store: SqlStore,
  workspaceId: string,
  log: BrainLog,
): Promise<RuleDefinition[]> {
  const [active] = await store.definitions.listActive(workspaceId, 'rules');
  if (!active) return [];
  const parsed = parseRulesCached(active.source, active.format);
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
    const parsed = parseFlowCached(def.source, def.format);
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
