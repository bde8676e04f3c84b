import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHttp, FlowHttpError } from './fetchHttp.ts';
import { sendJson, startTestServer, type TestServer } from './testServer.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    if (req.path === '/json') return sendJson(res, 200, { hello: 'world', got: req.body });
    if (req.path === '/empty') return void res.writeHead(204).end();
    // never answers (the connection closes when the client gives up): only the timeout ends the call
    if (req.path.startsWith('/slow')) return;
    if (req.path === '/html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>');
    if (req.path === '/big') return void res.writeHead(200).end(`"${'x'.repeat(5000)}"`);
    if (req.path === '/redirect') return void res.writeHead(302, { location: 'http://example.com/' }).end();
    return sendJson(res, 404, { error: 'nope' });
  });
});

afterAll(() => server.close());

/** For calls whose test is not about the timeout: a local answer never takes this long, even on a busy machine. */
const ENOUGH = 30_000;

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
      timeoutMs: ENOUGH,
    });
    expect(response).toEqual({ status: 200, body: { hello: 'world', got: { a: 1 } } });
    expect(await http()({ method: 'GET', url: `${server.origin}/empty`, timeoutMs: ENOUGH })).toEqual({
      status: 204,
      body: null,
    });
    expect(await http()({ method: 'GET', url: `${server.origin}/missing`, timeoutMs: ENOUGH })).toEqual({
      status: 404,
      body: { error: 'nope' },
    });
  });

  it('refuses origins outside the allow-list', async () => {
    expect(await codeOf(http()({ method: 'GET', url: 'http://localhost:1/json', timeoutMs: ENOUGH }))).toBe(
      'not_allowed',
    );
  });

  it('aborts at the timeout, keeping query strings out of the message', async () => {
    const call = http()({ method: 'GET', url: `${server.origin}/slow?token=secret`, timeoutMs: 150 });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowHttpError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect((error as Error).message).toContain('no answer within 150 ms');
    expect((error as Error).message).not.toContain('secret');
  });

  it('rejects bodies that are not JSON or too large', async () => {
    expect(await codeOf(http()({ method: 'GET', url: `${server.origin}/html`, timeoutMs: ENOUGH }))).toBe(
      'invalid_json',
    );
    expect(await codeOf(http()({ method: 'GET', url: `${server.origin}/big`, timeoutMs: ENOUGH }))).toBe(
      'too_large',
    );
  });

  it('does not follow redirects', async () => {
    const response = await http()({ method: 'GET', url: `${server.origin}/redirect`, timeoutMs: ENOUGH });
    expect(response.status).toBe(302);
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createFetchHttp({ allowOrigins: ['http://127.0.0.1:1'] });
    expect(await codeOf(closed({ method: 'GET', url: 'http://127.0.0.1:1/x', timeoutMs: ENOUGH }))).toBe(
      'network',
    );
  });
});
