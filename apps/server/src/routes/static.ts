import { createReadStream, existsSync, statSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../paths.ts';

export const webAssets = {
  widget: fromRoot('apps/widget/dist/'),
  demoPage: fromRoot('apps/widget/demo-page/'),
  console: fromRoot('apps/console/dist/'),
};

/** The compressed copies the build writes (scripts/compress-web.mjs), best first. */
const ENCODINGS = { br: '.br', gzip: '.gz' } as const;

/** The best of ENCODINGS the request's Accept-Encoding allows (a `q=0` refuses one), or null. */
export function preferredEncoding(header: string | string[] | undefined): keyof typeof ENCODINGS | null {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  for (const encoding of Object.keys(ENCODINGS) as (keyof typeof ENCODINGS)[]) {
    if ((accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0) return encoding;
  }
  return null;
}

/** For files whose name changes with their content (the build's hashed assets). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const notBuilt = {
  error: { code: 'not_found', message: 'web assets are not built: run `npm run build:web`' },
};

/** The widget script, the demo shop page and the console (a single-page app under /console/). */
export async function staticRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', (_request, reply) => reply.redirect('/demo/'));

  // every page of the company's site loads it: compressed when the browser takes it, revalidated (no-cache)
  // since its address stays the same from one release to the next
  app.get('/widget.js', (request, reply) => {
    if (!existsSync(`${webAssets.widget}widget.js`)) return reply.status(503).send(notBuilt);
    reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const encoding = preferredEncoding(request.headers['accept-encoding']);
    const file = encoding ? `${webAssets.widget}widget.js${ENCODINGS[encoding]}` : null;
    if (!encoding || !file || !existsSync(file)) return reply.sendFile('widget.js', webAssets.widget);
    const stat = statSync(file);
    const etag = `W/"${encoding}-${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`;
    reply.header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply
      .header('content-encoding', encoding)
      .type('application/javascript; charset=utf-8')
      .send(createReadStream(file));
  });

  await app.register(fastifyStatic, { root: webAssets.demoPage, prefix: '/demo/', decorateReply: true });

  await app.register(
    async (scope) => {
      if (!existsSync(`${webAssets.console}index.html`)) {
        scope.get('/*', (_request, reply) => reply.status(503).send(notBuilt));
        return;
      }
      await scope.register(fastifyStatic, {
        root: webAssets.console,
        prefix: '/',
        decorateReply: false,
        // brotli or gzip copies written by the build (scripts/compress-web.mjs), for browsers that take them
        preCompressed: true,
        // file names under assets/ carry a hash of their content: a browser keeps them and never asks again
        setHeaders: (reply, path) => {
          reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
        },
      });
      // client-side routes of the console fall back to its index.html
      scope.setNotFoundHandler((_request, reply) =>
        reply.type('text/html').sendFile('index.html', webAssets.console),
      );
    },
    { prefix: '/console' },
  );
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
}
