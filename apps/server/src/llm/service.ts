import type { BotStream } from '@tandem/protocol';
import {
  type DocumentRepository,
  documentRepository,
  type LlmRepository,
  llmRepository,
} from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { type Breaker, createBreaker } from './breaker.ts';
import { createEmbeddingCache, type EmbeddingCache } from './embeddingCache.ts';
import { createSecretBox, LLM_SECRET_NAME, type SecretBox } from './secretBox.ts';
import { type BotStreamUpdate, createStreamRelay, type StreamRelay } from './streams.ts';

/** What the language-model and document features share in one process. */
export interface LlmService {
  box: SecretBox;
  breaker: Breaker;
  repo: LlmRepository;
  documents: DocumentRepository;
  embeddings: EmbeddingCache;
  /** built retrieval indexes and embedded knowledge phrasings by workspace (this server's, not the module's) */
  caches: {
    indexes: Map<string, unknown>;
    examples: Map<string, unknown>;
    building: Map<string, unknown>;
    /** bot turns' questions waiting for their embeddings, by workspace (botEmbeddings.ts) */
    turns: Map<string, unknown>;
    /** the provider bot turns use, by workspace, read at most every few seconds (dropped when settings are saved) */
    providers: Map<string, unknown>;
  };
  /** language-model calls bot turns are making now, by workspace (capped: LLM_BOT_CONCURRENCY) */
  botCalls: Map<string, number>;
  /**
   * sends a bot answer being written to the customer's widget: the caller gives the whole text so far, the
   * widget gets only what is new (`streams`)
   */
  streamToContact: (contactId: string, update: BotStreamUpdate) => void;
  /** the answers being written, as `bot:stream` events (and the whole text so far for a widget that connects) */
  streams: StreamRelay;
  /** puts a `bot:stream` event on the way to the customer's widgets (set once the sockets exist) */
  emitStream: (contactId: string, payload: BotStream) => void;
}

const services = new WeakMap<AppContext, LlmService>();

/**
 * Builds the service for a server: the key that seals provider API keys comes from LLM_SECRET, else from a
 * secret generated once and kept in the database (`server_secrets`), like the attachment-link key.
 */
export async function attachLlmService(ctx: AppContext): Promise<LlmService> {
  const secret = ctx.config.llmSecret ?? (await ctx.store.attachments.serverSecret(LLM_SECRET_NAME));
  const service: LlmService = {
    box: createSecretBox(secret),
    breaker: createBreaker(),
    repo: llmRepository(ctx.store.db),
    documents: documentRepository(ctx.store.db),
    embeddings: createEmbeddingCache(),
    caches: {
      indexes: new Map(),
      examples: new Map(),
      building: new Map(),
      turns: new Map(),
      providers: new Map(),
    },
    botCalls: new Map(),
    streamToContact: (contactId, update) => service.streams.update(contactId, update),
    streams: createStreamRelay((contactId, payload) => service.emitStream(contactId, payload)),
    emitStream: () => undefined,
  };
  services.set(ctx, service);
  // the key that seals provider keys then lives in the same database as the keys it seals
  if (!ctx.config.llmSecret && (await service.repo.anyApiKeyStored()))
    ctx.log.warn(
      'LLM_SECRET is not set while a provider API key is stored: set LLM_SECRET in production (see docs/llm.md)',
    );
  return service;
}

/** The server's language-model service (attached in app.ts when the server starts). */
export function llmOf(ctx: AppContext): LlmService {
  const service = services.get(ctx);
  if (!service) throw new Error('the language-model service is not attached to this server');
  return service;
}
