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
  caches: { indexes: Map<string, unknown>; examples: Map<string, unknown> };
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
    caches: { indexes: new Map(), examples: new Map() },
    streamToContact: () => undefined,
  };
  services.set(ctx, service);
  return service;
}

/** The server's language-model service (attached in app.ts when the server starts). */
export function llmOf(ctx: AppContext): LlmService {
  const service = services.get(ctx);
  if (!service) throw new Error('the language-model service is not attached to this server');
  return service;
}
