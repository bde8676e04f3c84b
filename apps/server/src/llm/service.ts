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

/** What the language-model and document features share in one process. */
export interface LlmService {
  box: SecretBox;
  breaker: Breaker;
  repo: LlmRepository;
  documents: DocumentRepository;
  embeddings: EmbeddingCache;
  /** built retrieval indexes and embedded knowledge phrasings by workspace (this server's, not the module's) */
  caches: { indexes: Map<string, unknown>; examples: Map<string, unknown>; building: Map<string, unknown> };
  /** language-model calls bot turns are making now, by workspace (capped: LLM_BOT_CONCURRENCY) */
  botCalls: Map<string, number>;
  /** sends a bot answer being written to the customer's widget (set once the sockets exist) */
  streamToContact: (contactId: string, payload: BotStream) => void;
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
    caches: { indexes: new Map(), examples: new Map(), building: new Map() },
    botCalls: new Map(),
    streamToContact: () => undefined,
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
