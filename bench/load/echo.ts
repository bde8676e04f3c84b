/**
 * The ceiling: a bare Socket.IO server speaking the customer half of Tandem's protocol with no work behind it.
 * POST /api/widget/session hands out a random visitor token; on `/widget`, `message:send` pushes the customer's
 * own message, acks it, and pushes a bot reply echoing the text — the same events, in the same order, as
 * Tandem's real path, so the generator cannot tell the difference except by speed.
 *
 *   npx tsx bench/load/echo.ts [--port 0]     prints "echo listening on http://127.0.0.1:<port>"
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Server } from 'socket.io';

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 64 * 1024) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

export function startEcho(
  port = 0,
  host = '127.0.0.1',
): Promise<{ url: string; close: () => Promise<void> }> {
  const http = createServer((req, res) => {
    if (req.method === 'GET' && (req.url === '/healthz' || req.url === '/readyz'))
      return json(res, 200, { ok: true });
    if (req.method === 'POST' && req.url === '/api/widget/session') {
      readBody(req).then(
        (text) => {
          let locale: unknown = null;
          try {
            locale = (JSON.parse(text || '{}') as { locale?: unknown }).locale ?? null;
          } catch {
            return json(res, 400, { error: { code: 'bad_request', message: 'malformed JSON' } });
          }
          json(res, 200, {
            visitorToken: randomBytes(24).toString('base64url'),
            contactId: randomUUID(),
            workspace: { slug: 'demo', name: 'Echo', locale },
            conversation: null,
            messages: [],
          });
        },
        () => json(res, 400, { error: { code: 'bad_request', message: 'unreadable body' } }),
      );
      return;
    }
    json(res, 404, { error: { code: 'not_found', message: 'not here' } });
  });
  // the same Socket.IO options as Tandem's server
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024, cors: { origin: true } });
  const widget = io.of('/widget');
  widget.use((socket, next) => {
    const token = (socket.handshake.auth as { visitorToken?: unknown }).visitorToken;
    if (typeof token === 'string' && token.length >= 20) return next();
    next(Object.assign(new Error('a visitor token is required'), { data: { code: 'unauthenticated' } }));
  });
  widget.on('connection', (socket) => {
    const conversationId = randomUUID();
    let seq = 0;
    const view = (kind: 'customer' | 'bot', clientId: string, text: string) => ({
      id: randomUUID(),
      conversationId,
      seq: ++seq,
      clientId,
      author: { kind, name: kind === 'bot' ? 'Echo' : null },
      text,
      buttons: [],
      notice: null,
      createdAt: new Date().toISOString(),
    });
    socket.on('message:send', (payload: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (result: unknown) => void) : () => undefined;
      const { clientId, text } = (payload ?? {}) as { clientId?: unknown; text?: unknown };
      if (typeof clientId !== 'string' || typeof text !== 'string' || text.length > 4000) {
        return reply({ ok: false, error: { code: 'validation_failed', message: 'clientId and text' } });
      }
      const message = view('customer', clientId, text);
      socket.emit('message:new', message);
      reply({ ok: true, data: { message } });
      socket.emit('message:new', view('bot', `bot-${message.id}-0`, text));
    });
    socket.on('handoff:request', (_payload: unknown, ack: unknown) => {
      if (typeof ack === 'function')
        ack({ ok: false, error: { code: 'not_found', message: 'no agents here' } });
    });
  });
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      const address = http.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host}:${bound}`,
        close: () => new Promise<void>((done) => io.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 0;
  const echo = await startEcho(port);
  process.stdout.write(`echo listening on ${echo.url}\n`);
  const stop = () => void echo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
