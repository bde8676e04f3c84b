import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHttp, FlowHttpError } from './fetchHttp.ts';
import { sendJson, startTestServer, type TestServer } from './testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.path === '/json') return sendJson(res, 200, { hello: 'world', got: req.body });
    if (req.path === '/empty') return void res.writeHead(204).end();
    if (req.path.startsWith('/slow')) return void setTimeout(() => sendJson(res, 200, {}), 1000);
    if (req.path === '/html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
    if (req.path === '/big') return void res.writeHead(200).end(`"${'x'.repeat(5000)}"`);
    if (req.path === '/redirect') return void res.writeHead(302, { location: 'http://example.com/' }).end();
    return sendJson(res, 404, { error: 'nope' });
  });
});

afterAll(() => server.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof FlowHttpError ? error.code : 'other';
  }
}

describe('createFetchHttp', () => {
  const http = () => createFetchHttp({ allowOrigins: [`${server.origin}/`], maxBytes: 1000 });

  it('sends JSON and reads JSON', async () => {
    const response = await http()({
      method: 'POST',
      url: `${server.origin}/json`,
      body: { a: 1 },
      timeoutMs: 1000,
    });
    expect(response).toEqual({ status: 200, body: { hello: 'world', got: { a: 1 } } });
    expect(await http()({ method: 'GET', url: `${server.origin}/empty`, timeoutMs: 1000 })).toEqual({
      status: 204,
      body: null,
    });
    expect(await http()({ method: 'GET', url: `${server.origin}/missing`, timeoutMs: 1000 })).toEqual({
      status: 404,
      body: { error: 'nope' },
    });
  });

  it('refuses origins outside the allow-list', async () => {
    expect(await codeOf(http()({ method: 'GET', url: 'http://localhost:1/json', timeoutMs: 1000 }))).toBe(
      'not_allowed',
    );
  });

  it('aborts at the timeout, keeping query strings out of the message', async () => {
    const started = Date.now();
    const call = http()({ method: 'GET', url: `${server.origin}/slow?token=secret`, timeoutMs: 150 });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowHttpError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('rejects bodies that are not JSON or too large', async () => {
    expect(await codeOf(http()({ method: 'GET', url: `${server.origin}/html`, timeoutMs: 1000 }))).toBe(
      'invalid_json',
    );
    expect(await codeOf(http()({ method: 'GET', url: `${server.origin}/big`, timeoutMs: 1000 }))).toBe(
      'too_large',
    );
  });

  it('does not follow redirects', async () => {
    const response = await http()({ method: 'GET', url: `${server.origin}/redirect`, timeoutMs: 1000 });
    expect(response.status).toBe(302);
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createFetchHttp({ allowOrigins: ['http://127.0.0.1:1'] });
    expect(await codeOf(closed({ method: 'GET', url: 'http://127.0.0.1:1/x', timeoutMs: 1000 }))).toBe(
      'network',
    );
  });
});
