import type { Deps, EventBus } from '@tandem/domain';
import type { SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import type { BrainRegistry } from './bot/brainRegistry.ts';
import type { TurnQueue } from './bot/turnQueue.ts';
import type { Config } from './config.ts';
import type { Router } from './routing/routerPort.ts';
import type { AttachmentUrls } from './services/attachmentUrls.ts';
import type { ContactCache } from './services/contactCache.ts';

/** What routes, socket handlers and listeners share. Built once in app.ts. */
export interface AppContext {
  config: Config;
  store: SqlStore;
  events: EventBus;
  deps: Deps;
  bots: BrainRegistry;
  /** the bot's bounded work queue (what it owes lives in the database) */
  botTurns: TurnQueue;
  /** contacts by visitor-token hash, so connecting needs no database read */
  contacts: ContactCache;
  /** offers queued conversations to people and drives the routing timers */
  router: Router;
  log: FastifyBaseLogger;
  /** signs and checks attachment download links (the key is in the database, shared by every process) */
  attachments: AttachmentUrls;
}
