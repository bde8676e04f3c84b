import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../paths.ts';

export const webAssets = {
  widget: fromRoot('apps/widget/dist/'),
  demoPage: fromRoot('apps/widget/demo-page/'),
  console: fromRoot('apps/console/dist/'),
};

const notBuilt = {
  error: { code: 'not_found', message: 'web assets are not built: run `npm run build:web`' },
};

/** The widget script, the demo shop page and the console (a single-page app under /console/). */
export async function staticRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', (_request, reply) => reply.redirect('/demo/'));

  app.get('/widget.js', (_request, reply) => {
    if (!existsSync(`${webAssets.widget}widget.js`)) return reply.status(503).send(notBuilt);
    return reply.header('cache-control', 'no-cache').sendFile('widget.js', webAssets.widget);
  });

  await app.register(fastifyStatic, { root: webAssets.demoPage, prefix: '/demo/', decorateReply: true });

  await app.register(
    async (scope) => {
      if (!existsSync(`${webAssets.console}index.html`)) {
        scope.get('/*', (_request, reply) => reply.status(503).send(notBuilt));
        return;
      }
      await scope.register(fastifyStatic, { root: webAssets.console, prefix: '/', decorateReply: false });
      // client-side routes of the console fall back to its index.html
      scope.setNotFoundHandler((_request, reply) =>
        reply.type('text/html').sendFile('index.html', webAssets.console),
      );
    },
    { prefix: '/console' },
  );
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
}
