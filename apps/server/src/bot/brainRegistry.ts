import {
  buildConversationEngine,
  type ConversationEngine,
  defaultBotSettings,
  type EnginePorts,
  type FlowDefinition,
  type KnowledgeEntry,
  parseBotSettings,
  parseFlow,
  parseRules,
  type RuleDefinition,
} from '@tandem/engine';
import type { SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';

/**
 * One conversation engine per workspace, built from its knowledge, flows, rules and settings on first use.
 * A change of knowledge, flows or settings rebuilds it (swapped in atomically: a turn in flight finishes on
 * the engine it started with); a change of rules is applied in place, with no retraining.
 */
export interface BrainRegistry {
  forWorkspace(workspaceId: string): Promise<ConversationEngine>;
  /** knowledge, flows or settings changed */
  rebuild(workspaceId: string): void;
  /** rules changed: effective for the next message */
  reloadRules(workspaceId: string): Promise<void>;
}

async function loadRules(
  store: SqlStore,
  workspaceId: string,
  log: FastifyBaseLogger,
): Promise<RuleDefinition[]> {
  const [active] = await store.definitions.listActive(workspaceId, 'rules');
  if (!active) return [];
  const parsed = parseRules(active.source, active.format);
  if (parsed.ok) return parsed.rules;
  log.error({ workspaceId, version: active.version }, 'stored rules no longer parse; running without rules');
  return [];
}

export function createBrainRegistry(
  store: SqlStore,
  ports: EnginePorts,
  log: FastifyBaseLogger,
): BrainRegistry {
  const engines = new Map<string, Promise<ConversationEngine>>();

  async function build(workspaceId: string): Promise<ConversationEngine> {
    const knowledge = (await store.knowledge.list(workspaceId)) as KnowledgeEntry[];
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
    // trained in a worker thread: other conversations keep being answered meanwhile
    return buildConversationEngine({ knowledge, flows, rules, settings }, ports);
  }

  return {
    forWorkspace(workspaceId) {
      let engine = engines.get(workspaceId);
      if (!engine) {
        engine = build(workspaceId);
        engine.catch(() => engines.delete(workspaceId));
        engines.set(workspaceId, engine);
      }
      return engine;
    },
    rebuild(workspaceId) {
      const next = build(workspaceId);
      // the old engine keeps serving until the new one is ready
      next.then(
        () => engines.set(workspaceId, next),
        (error: unknown) =>
          log.error({ err: error, workspaceId }, 'rebuilding the bot failed; the previous one stays'),
      );
      if (!engines.has(workspaceId)) engines.set(workspaceId, next);
    },
    async reloadRules(workspaceId) {
      const engine = engines.get(workspaceId);
      if (!engine) return;
      (await engine).setRules(await loadRules(store, workspaceId, log));
    },
  };
}
