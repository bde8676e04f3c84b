import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestRoute = (
  request: { method: string; path: string; body: unknown },
  response: ServerResponse,
) => void;

export interface TestServer {
  origin: string;
  /** Requests received, in order. */
  calls: Array<{ method: string; path: string; body: unknown }>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 at a random port; `route` answers every request. */
export async function startTestServer(route: TestRoute): Promise<TestServer> {
  const calls: TestServer['calls'] = [];
  const server = createServer((req, res) => {
    readBody(req).then((body) => {
      const call = { method: req.method ?? 'GET', path: req.url ?? '/', body };
      calls.push(call);
      route(call, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
