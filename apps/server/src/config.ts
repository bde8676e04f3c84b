import { join, resolve } from 'node:path';
import { z } from 'zod';

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting Tandem reads from the environment. Documented in docs/configuration.md. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: boolean.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  COOKIE_SECURE: boolean.default(false),
  TRUST_PROXY: boolean.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
  SOCKET_EVENTS_PER_SECOND: z.coerce.number().positive().max(10_000).default(2),
  SOCKET_EVENT_BURST: z.coerce.number().int().min(1).max(100_000).default(20),
  FLOW_HTTP_ALLOW: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'each entry must be an origin such as https://erp.example.com' }))),
  DEMO_BUSINESS_API: boolean.optional(),
  BOT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  BOT_MAX_BACKLOG: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  BOT_MAX_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  // read by the training worker itself (packages/engine/src/nlu/worker.ts); validated here at start-up
  BOT_TRAINING_NICE: z.coerce.number().int().min(0).max(19).default(19),
  ROUTING_TICK_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  ROUTING_OFFER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ROUTING_OFFLINE_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  SERVICE_TICK_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  ANALYTICS_ROLLUP_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  AUTO_CLOSE_IDLE_MINUTES: z.coerce.number().int().min(0).max(43_200).default(30),
  SMTP_URL: z
    .url({ message: 'an SMTP URL such as smtps://user:password@smtp.example.com:465' })
    .refine((u) => /^smtps?:/.test(u), 'must start with smtp:// or smtps://')
    .optional(),
  SMTP_FROM: z.string().min(3).max(200).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  LLM_SECRET: z.string().min(16, 'at least 16 characters (e.g. openssl rand -base64 32)').optional(),
  DOCUMENT_FETCH_ALLOW_PRIVATE: boolean.default(false),
  LLM_PROVIDER_ALLOW_PRIVATE: boolean.default(false),
  LLM_BOT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  LLM_BOT_DEADLINE_MS: z.coerce.number().int().min(500).max(120_000).default(8000),
  LLM_EMBED_DEADLINE_MS: z.coerce.number().int().min(100).max(30_000).default(1500),
});

export type Config = {
  port: number;
  host: string;
  database: // loadDataDir: a database to start from (tests start each server from one seeded copy)
    | { driver: 'pglite'; dataDir: string | null; loadDataDir?: Blob }
    | { driver: 'postgres'; url: string; poolSize: number };
  publicUrl: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** where log lines go instead of standard output (tests keep their servers' errors to show on a failure) */
  logStream?: { write(line: string): void };
  seedDemo: boolean;
  sessionTtlHours: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  rateLimitPerMinute: number;
  /** new visitor sessions (no visitor token yet) per client IP per minute */
  rateLimitSessionsPerMinute: number;
  /** per socket connection: the token bucket's refill rate and size */
  socketEventsPerSecond: number;
  socketEventBurst: number;
  /** origins flow HTTP actions may call, besides Tandem's own (for the demo business API) */
  flowHttpAllow: string[];
  demoBusinessApi: boolean;
  /** bot turns computed at once; conversations waiting for the bot, and the longest wait, before new
   * customer messages to the bot are refused as `busy` (the client sends them again shortly) */
  botConcurrency: number;
  botMaxBacklog: number;
  botMaxWaitMs: number;
  /** how often offer timeouts and offline grace periods are checked (they live in the database) */
  routingTickMs: number;
  /** for conversations in no team's queue (teams set their own) */
  routingOfferTimeoutSeconds: number;
  routingOfflineGraceSeconds: number;
  /** how often SLA deadlines, nudges and idle conversations are checked */
  serviceTickMs: number;
  /**
   * where trained bot models are kept as files with the embedded database (`<DATA_DIR>/bot-models`); null:
   * none (PostgreSQL keeps them in the database; an in-memory database trains at every start)
   */
  botModelDir: string | null;
  /** an hour's dashboard rollups are recomputed at most this often (dashboards lag by up to this plus 5 s) */
  analyticsRollupDelayMs: number;
  /** open conversations nobody wrote in for this long are closed with a notice (0: never) */
  autoCloseIdleMinutes: number;
  /** e-mail for ticket replies; null: replies are shown in the widget only */
  smtp: { url: string; from: string } | null;
  /** the largest attachment (image or PDF) a customer or staff member may upload, in bytes */
  attachmentMaxBytes: number;
  /** seals language-model API keys at rest; absent: a key generated once and kept in the database */
  llmSecret?: string | null;
  /** document fetch-by-URL may reach private and loopback addresses (off: only public ones) */
  documentFetchAllowPrivate?: boolean;
  /** a language-model provider's base URL may reach private and loopback addresses (off: only public ones) */
  llmProviderAllowPrivate?: boolean;
  /** language-model calls bot turns of one workspace make at once; beyond, the classical answer (default 4) */
  llmBotConcurrency?: number;
  /** the longest a bot turn waits for a language-model call before the passage answers (default 8000) */
  llmBotDeadlineMs?: number;
  /** the longest a bot turn waits for its question's embedding before the classical engine answers alone (default 1500) */
  llmEmbedDeadlineMs?: number;
};

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError that names each bad variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // an empty variable (PORT=) means "not set", not an empty value
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}\nSee docs/configuration.md.`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { driver: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { driver: 'pglite', dataDir: resolve(e.DATA_DIR) },
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? null,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitSessionsPerMinute: e.RATE_LIMIT_SESSIONS_PER_MINUTE,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    socketEventBurst: e.SOCKET_EVENT_BURST,
    flowHttpAllow: e.FLOW_HTTP_ALLOW.map((u) => new URL(u).origin),
    demoBusinessApi: e.DEMO_BUSINESS_API ?? e.SEED_DEMO,
    botConcurrency: e.BOT_CONCURRENCY,
    botMaxBacklog: e.BOT_MAX_BACKLOG,
    botMaxWaitMs: e.BOT_MAX_WAIT_MS,
    routingTickMs: e.ROUTING_TICK_MS,
    routingOfferTimeoutSeconds: e.ROUTING_OFFER_TIMEOUT_SECONDS,
    routingOfflineGraceSeconds: e.ROUTING_OFFLINE_GRACE_SECONDS,
    serviceTickMs: e.SERVICE_TICK_MS,
    botModelDir: e.DATABASE_URL ? null : join(resolve(e.DATA_DIR), 'bot-models'),
    analyticsRollupDelayMs: e.ANALYTICS_ROLLUP_DELAY_MS,
    autoCloseIdleMinutes: e.AUTO_CLOSE_IDLE_MINUTES,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? 'Tandem <no-reply@localhost>' } : null,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    llmSecret: e.LLM_SECRET ?? null,
    documentFetchAllowPrivate: e.DOCUMENT_FETCH_ALLOW_PRIVATE,
    llmProviderAllowPrivate: e.LLM_PROVIDER_ALLOW_PRIVATE,
    llmBotConcurrency: e.LLM_BOT_CONCURRENCY,
    llmBotDeadlineMs: e.LLM_BOT_DEADLINE_MS,
    llmEmbedDeadlineMs: e.LLM_EMBED_DEADLINE_MS,
  };
}
