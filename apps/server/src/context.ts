import type { Deps, EventBus } from '@tandem/domain';
import type { SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import type { BrainRegistry } from './bot/brainRegistry.ts';
import type { Config } from './config.ts';

/** What routes, socket handlers and listeners share. Built once in app.ts. */
export interface AppContext {
  config: Config;
  store: SqlStore;
  events: EventBus;
  deps: Deps;
  bots: BrainRegistry;
  log: FastifyBaseLogger;
}
