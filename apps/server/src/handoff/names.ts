import type { Message } from '@tandem/domain';
import { parseFlow } from '@tandem/engine';
import type { Lang } from '@tandem/protocol';
import type { SqlStore } from '@tandem/storage';
import { botMetaOf } from './transcript.ts';

/** The bot names a flow's turns `flow:<id>` (engine conversationEngine.ts FLOW_PREFIX). */
const FLOW_PREFIX = 'flow:';
/** More than this many distinct topics in one transcript: the rest are named generically, not looked up. */
const MAX_LOOKUPS = 20;

/** What staff read for an intent: a knowledge entry's question or a flow's name, never its id. */
export type IntentNames = (intent: string) => string;

const REMOVED = {
  entry: { zh: '已删除的知识条目', en: 'a removed knowledge entry' },
  flow: { zh: '已删除的流程', en: 'a removed flow' },
} as const;

/** The intents the bot gave its replies in a transcript (small talk says nothing of the topic). */
export function intentsIn(messages: readonly Message[]): string[] {
  const found = new Set<string>();
  for (const message of messages) {
    const meta = botMetaOf(message);
    if (meta?.intent && !meta.intent.startsWith('smalltalk.')) found.add(meta.intent);
    if (meta?.flow) found.add(`${FLOW_PREFIX}${meta.flow.id}`);
  }
  return [...found];
}

/**
 * Readable names for the intents of a transcript in the staff member's language: a knowledge entry by its
 * first question (as the knowledge list titles it), a flow by its name. One that no longer exists is named
 * as removed, so an id never reaches the summary.
 */
export async function loadIntentNames(
  store: Pick<SqlStore, 'knowledge' | 'definitions'>,
  workspaceId: string,
  intents: readonly string[],
  lang: Lang,
): Promise<IntentNames> {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const names = new Map<string, string>();
  const wanted = intents.slice(0, MAX_LOOKUPS);
  const flowIds = new Set(
    wanted.filter((i) => i.startsWith(FLOW_PREFIX)).map((i) => i.slice(FLOW_PREFIX.length)),
  );
  if (flowIds.size > 0) {
    const definitions = [
      ...(await store.definitions.listActive(workspaceId, 'flow')),
      ...(await store.definitions.listSwitchedOff(workspaceId, 'flow')),
    ];
    for (const definition of definitions) {
      if (!flowIds.has(definition.key) || names.has(`${FLOW_PREFIX}${definition.key}`)) continue;
      const parsed = parseFlow(definition.source, definition.format);
      if (parsed.ok)
        names.set(`${FLOW_PREFIX}${definition.key}`, parsed.flow.name[lang] || parsed.flow.name[other]);
    }
  }
  const entries = await Promise.all(
    wanted.filter((i) => !i.startsWith(FLOW_PREFIX)).map((id) => store.knowledge.find(workspaceId, id)),
  );
  for (const entry of entries) {
    const title = entry && (entry.questions[lang][0] ?? entry.questions[other][0]);
    if (entry && title) names.set(entry.id, title);
  }
  return (intent) =>
    names.get(intent) ?? (intent.startsWith(FLOW_PREFIX) ? REMOVED.flow[lang] : REMOVED.entry[lang]);
}

/** Names for tests and for callers with nothing to look up: every intent named as removed. */
export const noIntentNames =
  (lang: Lang): IntentNames =>
  (intent) =>
    intent.startsWith(FLOW_PREFIX) ? REMOVED.flow[lang] : REMOVED.entry[lang];
