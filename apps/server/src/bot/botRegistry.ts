import { type Bot, createFaqBot, type KnowledgeEntry } from '@tandem/engine';
import type { SqlStore } from '@tandem/storage';

/**
 * One bot per workspace, built from its knowledge base on first use and kept until the knowledge changes.
 * A rebuild replaces the bot atomically: conversations in flight keep the bot they started the turn with.
 */
export interface BotRegistry {
  forWorkspace(workspaceId: string): Promise<Bot>;
  /** call after the knowledge base of a workspace changed */
  invalidate(workspaceId: string): void;
}

export function createBotRegistry(store: SqlStore): BotRegistry {
  const bots = new Map<string, Promise<Bot>>();
  return {
    forWorkspace(workspaceId) {
      let bot = bots.get(workspaceId);
      if (!bot) {
        bot = store.knowledge.list(workspaceId).then((entries) => createFaqBot(entries as KnowledgeEntry[]));
        bot.catch(() => bots.delete(workspaceId));
        bots.set(workspaceId, bot);
      }
      return bot;
    },
    invalidate(workspaceId) {
      bots.delete(workspaceId);
    },
  };
}
