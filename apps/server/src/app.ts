import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { Deps } from '@tandem/domain';
import { createFetchHttp, type EnginePorts } from '@tandem/engine';
import { createMemoryEventBus, createStore, migrateToLatest, openDatabase } from '@tandem/storage';
import Fastify, { LogController } from 'fastify';
import { Server } from 'socket.io';
import { botTurn } from './bot/botTurn.ts';
import { createBrainRegistry } from './bot/brainRegistry.ts';
import { modelStoreFor } from './bot/modelStore.ts';
import { createTurnQueue } from './bot/turnQueue.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { createDemoBusinessState, demoBusinessApi } from './demo/businessApi.ts';
import { seedDemoCannedReplies } from './demo/cannedReplies.ts';
import { DEMO_WORKSPACE, seedDemoDefinitions, seedDemoWorkspace } from './demo/seed.ts';
import { installErrorHandler } from './http/errors.ts';
import { logSerializers } from './http/logging.ts';
import { buildOpenApi } from './http/openapi.ts';
import type { RegisteredRoute } from './http/route.ts';
import { recoverOwedTurns } from './listeners/botParticipant.ts';
import { startListeners } from './listeners/index.ts';
import { attachLlmService } from './llm/service.ts';
import { setupAgentNamespace } from './realtime/agentNamespace.ts';
import { rooms } from './realtime/rooms.ts';
import { setupWidgetNamespace } from './realtime/widgetNamespace.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { assistRoutes } from './routes/assist.ts';
import { attachmentRoutes } from './routes/attachments.ts';
import { authRoutes } from './routes/auth.ts';
import { botModelRoutes } from './routes/botModel.ts';
import { cannedReplyRoutes } from './routes/cannedReplies.ts';
import { conversationRoutes } from './routes/conversations.ts';
import { definitionRoutes } from './routes/definitions.ts';
import { demandRoutes } from './routes/demand.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { flowTestRoutes } from './routes/flowTest.ts';
import { handoffRoutes } from './routes/handoff.ts';
import { healthRoutes } from './routes/health.ts';
import { identityRoutes } from './routes/identity.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';
import { llmRoutes } from './routes/llm.ts';
import { llmAssistRoutes } from './routes/llmAssist.ts';
import { peopleRoutes } from './routes/people.ts';
import { qualityRoutes } from './routes/quality.ts';
import { routingRoutes } from './routes/routing.ts';
import { staticRoutes } from './routes/static.ts';
import { supervisorRoutes } from './routes/supervisor.ts';
import { teamRoutes } from './routes/team.ts';
import { ticketRoutes } from './routes/tickets.ts';
import { widgetRoutes } from './routes/widget.ts';
import { widgetAppearanceRoutes } from './routes/widgetAppearance.ts';
import { createRouter } from './routing/router.ts';
import { engineAnnotator } from './services/annotator.ts';
import { ATTACHMENT_URL_SECRET, createAttachmentUrls } from './services/attachments.ts';
import { createContactCache } from './services/contactCache.ts';
import { signForWorkspace } from './services/identity.ts';

export interface App {
  ctx: AppContext;
  /** the bound address, after listen */
  url: string;
  seeded: boolean;
  /** settles once the bots of existing workspaces are trained (they train in the background after listen) */
  botsReady: Promise<void>;
  close(): Promise<void>;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Workspaces whose bots are trained at start, newest first; others train on their first message. */
const WARM_WORKSPACES = 50;

/** How long a graceful shutdown waits for bot turns and listeners in progress before it closes anyway. */
const DRAIN_MS = 5_000;

const within = (ms: number, work: Promise<unknown>) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

/**
 * Trains existing workspaces' bots one at a time, in worker threads, so the first customer need not wait;
 * stops when the server closes.
 */
async function warmUpBots(ctx: AppContext, closing: () => boolean): Promise<void> {
  for (const workspace of await ctx.store.workspaces.listRecent(WARM_WORKSPACES)) {
    if (closing()) return;
    await ctx.bots.forWorkspace(workspace.id).catch((error: unknown) => {
      if (!closing())
        ctx.log.error({ err: error, workspaceId: workspace.id }, 'could not train the bot at start');
    });
  }
}

/** Opens the database, migrates, seeds on first run, wires HTTP + realtime + listeners, and listens. */
export async function startApp(config: Config): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(config.logStream ? { stream: config.logStream } : {}),
      // errors keep type, message, code and stack only: database errors carry the statement's data
      serializers: logSerializers,
      // secrets and personal data stay out of logs
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          '*.password',
          '*.visitorToken',
          '*.text',
          '*.secret',
          '*.signature',
          '*.temporaryPassword',
          '*.currentPassword',
          '*.newPassword',
          '*.apiKey',
        ],
        censor: '[redacted]',
      },
    },
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024,
    // request start/end lines only when debugging; errors are always logged
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
  });
  const log = app.log;
  const db = await openDatabase(config.database, {
    onConnectionError: (error) => log.warn({ err: error }, 'database connection lost; it will be replaced'),
  });
  await migrateToLatest(db);
  const store = createStore(db);
  const events = createMemoryEventBus((error, event) =>
    log.error({ err: error, event }, 'event listener failed'),
  );
  // flow HTTP actions may call Tandem itself (the demo business API) and the configured business systems
  const allowOrigins = [...config.flowHttpAllow];
  let http = createFetchHttp({ allowOrigins });
  const ports: EnginePorts = { http: (request) => http(request) };
  let isOnline = (_contactId: string) => true;
  let publishQueue: Parameters<typeof createRouter>[1] = () => undefined;
  const ctx: AppContext = {
    config,
    store,
    events,
    deps: { store, events, annotator: engineAnnotator },
    bots: createBrainRegistry(store, ports, log, events, { models: modelStoreFor(config, store, log) }),
    botTurns: createTurnQueue({
      concurrency: config.botConcurrency,
      maxBacklog: config.botMaxBacklog,
      maxWaitMs: config.botMaxWaitMs,
      staleMs: 30_000,
      run: (job) => botTurn(ctx, job),
      isOnline: (contactId) => isOnline(contactId),
      onError: (error, job) =>
        log.error(
          { err: error, conversationId: job.conversationId },
          'bot turn failed; retried by the sweep',
        ),
    }),
    contacts: createContactCache(),
    router: undefined as unknown as AppContext['router'],
    log,
    attachments: createAttachmentUrls(await store.attachments.serverSecret(ATTACHMENT_URL_SECRET)),
  };
  ctx.router = createRouter(ctx, (workspaceId, statuses) => publishQueue(workspaceId, statuses));
  const llm = await attachLlmService(ctx);
  ctx.deps = { ...ctx.deps, botCapacity: ctx.botTurns } satisfies Deps;
  const seeded = config.seedDemo ? await seedDemoWorkspace(store) : false;
  if (config.seedDemo) await seedDemoDefinitions(store);
  if (config.seedDemo) await seedDemoCannedReplies(store);

  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { max: config.rateLimitPerMinute, timeWindow: '1 minute' });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // (a route may set a stricter one: attachment downloads)
    if (!reply.hasHeader('referrer-policy'))
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    // no page of Tandem may be framed by another site (clickjacking of Accept/Resolve)
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', "frame-ancestors 'none'");
  });

  const routes: RegisteredRoute[] = [];
  healthRoutes(app, ctx);
  authRoutes(app, ctx, routes);
  widgetRoutes(app, ctx, routes);
  widgetAppearanceRoutes(app, ctx, routes);
  attachmentRoutes(app, ctx, routes);
  conversationRoutes(app, ctx, routes);
  handoffRoutes(app, ctx, routes);
  teamRoutes(app, ctx, routes);
  routingRoutes(app, ctx, routes);
  ticketRoutes(app, ctx, routes);
  definitionRoutes(app, ctx, routes);
  flowTestRoutes(app, ctx, routes, ports);
  knowledgeRoutes(app, ctx, routes);
  botModelRoutes(app, ctx, routes);
  identityRoutes(app, ctx, routes);
  cannedReplyRoutes(app, ctx, routes);
  assistRoutes(app, ctx, routes);
  supervisorRoutes(app, ctx, routes);
  peopleRoutes(app, ctx, routes);
  demandRoutes(app, ctx, routes);
  qualityRoutes(app, ctx, routes);
  analyticsRoutes(app, ctx, routes);
  exportRoutes(app, ctx, routes);
  llmRoutes(app, ctx, routes);
  llmAssistRoutes(app, ctx, routes);
  documentRoutes(app, ctx, routes);
  if (config.demoBusinessApi) {
    demoBusinessApi(app, createDemoBusinessState(), {
      sign: (customerId) => signForWorkspace(ctx, DEMO_WORKSPACE, customerId),
    });
  }
  // described when first asked for: nothing at start-up waits for it
  let openapi: Record<string, unknown> | null = null;
  app.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(routes);
    return openapi;
  });
  await staticRoutes(app);

  await app.ready();
  const io = new Server(app.server, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    cors: { origin: true, credentials: false },
  });
  const widget = setupWidgetNamespace(io, ctx);
  const agent = setupAgentNamespace(io, ctx);
  isOnline = (contactId) => (widget.adapter.rooms.get(rooms.contact(contactId))?.size ?? 0) > 0;
  llm.emitStream = (contactId, payload) => widget.to(rooms.contact(contactId)).emit('bot:stream', payload);
  // a widget that connects mid-answer (a reconnect, another tab) gets the answer so far once, then its pieces
  widget.on('connection', (socket) => {
    const contactId = (socket.data.contact as { id?: string } | undefined)?.id;
    if (contactId) for (const stream of llm.streams.snapshots(contactId)) socket.emit('bot:stream', stream);
  });
  publishQueue = (_workspaceId, statuses) => {
    for (const { contactId, status } of statuses)
      widget.to(rooms.contact(contactId)).emit('queue:status', status);
  };
  const unsubscribe = startListeners(
    ctx,
    { widget, agent },
    {
      botSweepMs: 30_000,
      routingTickMs: config.routingTickMs,
      serviceTickMs: config.serviceTickMs,
      analyticsRollupDelayMs: config.analyticsRollupDelayMs,
    },
  );

  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const self = `http://127.0.0.1:${port}`;
  ports.baseUrl = self;
  http = createFetchHttp({ allowOrigins: [...allowOrigins, self] });

  if (config.demoBusinessApi && !isLoopback(config.host)) {
    log.warn(
      { host: config.host },
      "the demo business API is on and reachable from other machines: it signs the demo customers' ids with the demo workspace's identity secret; set DEMO_BUSINESS_API=false (or SEED_DEMO=false) outside a demo",
    );
  }

  let closed = false;
  const botsReady = warmUpBots(ctx, () => closed).catch((error: unknown) => {
    if (!closed) log.error({ err: error }, 'could not list workspaces to train their bots');
  });
  // replies the bot still owed when the server stopped (crash, restart) are computed now
  void recoverOwedTurns(ctx)
    .then(
      (owed) => owed > 0 && log.info({ owed }, 'answering customer messages left from before the restart'),
    )
    .catch((error: unknown) => log.error({ err: error }, 'could not look for unanswered customer messages'));

  return {
    ctx,
    url,
    seeded,
    botsReady,
    async close() {
      if (closed) return;
      closed = true;
      // no new training or turns; turns in progress finish (what is still owed stays in the database)
      ctx.bots.close();
      await within(DRAIN_MS, ctx.botTurns.close());
      ctx.router.stop();
      await within(DRAIN_MS, ctx.router.idle());
      await io.close();
      await app.close().catch(() => undefined);
      await within(DRAIN_MS, events.drain());
      // the listeners' timers stop; a pass under way (routing, service levels, analytics) ends first
      await within(DRAIN_MS, Promise.all(unsubscribe.map((off) => off())));
      await botsReady;
      await db.destroy();
    },
  };
}
