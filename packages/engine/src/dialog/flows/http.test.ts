import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetchHttp } from './fetchHttp.ts';
import { startFlow } from './run.ts';
import { sendJson, startTestServer, type TestServer } from './testServer.ts';
import { buildFlow, testContext, texts } from './testSupport.ts';

let server: TestServer;
let flakyCalls = 0;

beforeAll(async () => {
  server = await startTestServer((req, res) => {
    const path = req.path;
    if (path.startsWith('/orders/')) {
      const orderNo = decodeURIComponent(path.slice('/orders/'.length));
      if (orderNo === '404') return sendJson(res, 404, { error: 'not_found' });
      return sendJson(res, 200, { orderNo, status: 'shipped', items: [{ name: '保温杯', qty: 1 }] });
    }
    // never answers (the connection closes when the client gives up): only the timeout can end the call,
    // whatever the machine's speed
    if (path === '/slow') return;
    if (path === '/garbage') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html>oops</html>');
    }
    if (path === '/flaky') {
      flakyCalls += 1;
      return flakyCalls === 1 ? sendJson(res, 503, { error: 'busy' }) : sendJson(res, 200, { status: 'ok' });
    }
    if (path === '/down') return sendJson(res, 500, { error: 'down' });
    if (path === '/tickets') return sendJson(res, 201, { ticketId: 'T1', echo: req.body });
    return sendJson(res, 404, { error: 'no route' });
  });
});

afterAll(() => server.close());

function httpFlow(node: string) {
  return buildFlow(`id: http_test
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [], en: [] } }
start: call
nodes:
  call:
${node}
    next: ok
    onError: sorry
  ok: { type: end, text: { zh: '结果：{{status}}', en: 'Result: {{status}}' } }
  sorry: { type: end, text: { zh: 系统繁忙，请稍后再试, en: Our system is busy } }
`);
}

function ctx(overrides = {}) {
  return testContext({
    baseUrl: server.origin,
    http: createFetchHttp({ allowOrigins: [server.origin] }),
    ...overrides,
  });
}

describe('http', () => {
  it('maps response fields into variables, encoding values in the URL', async () => {
    const flow = httpFlow(`    type: http
    url: '/orders/{{attributes.customerId}}/x?y'
    map: { status: response.status, firstItem: response.items.0.name, order: response }`);
    const result = await startFlow(flow, ctx({ attributes: { customerId: 'A/B C' } }));
    expect(texts(result)).toEqual(['结果：shipped']);
    expect(result.vars).toMatchObject({
      status: 'shipped',
      firstItem: '保温杯',
      order: { orderNo: 'A/B C/x?y' },
    });
    expect(server.calls.at(-1)?.path).toBe('/orders/A%2FB%20C/x?y');
  });

  it('sends a JSON body built from slots and attributes, keeping types', async () => {
    const flow = httpFlow(`    type: http
    method: POST
    url: /tickets
    body: { kind: return, customerId: '{{attributes.customerId}}', level: '{{attributes.vipLevel}}', note: 'VIP{{attributes.vipLevel}}' }
    map: { status: response.ticketId }`);
    const result = await startFlow(flow, ctx());
    expect(texts(result)).toEqual(['结果：T1']);
    expect(server.calls.at(-1)?.body).toEqual({
      kind: 'return',
      customerId: 'C1001',
      level: 2,
      note: 'VIP2',
    });
  });

  it('goes to the error branch on a timeout, after retrying', async () => {
    const flow = httpFlow(`    type: http
    url: /slow
    timeoutMs: 200
    retries: 1
    map: { status: response.status }`);
    // attempts are counted where they are made (whether a request reached the server in time is the
    // machine's business, not the flow's)
    const http = createFetchHttp({ allowOrigins: [server.origin] });
    let attempts = 0;
    const counted: typeof http = (request) => {
      attempts += 1;
      return http(request);
    };
    const result = await startFlow(flow, ctx({ http: counted }));
    expect(texts(result)).toEqual(['系统繁忙，请稍后再试']);
    expect(result.outcome).toBe('ended');
    expect(result.problems[0]?.message).toMatch(/no answer within 200 ms/);
    expect(attempts).toBe(2);
  });

  it('goes to the error branch on a body that is not JSON, without retrying', async () => {
    const before = server.calls.length;
    const result = await startFlow(httpFlow(`    type: http\n    url: /garbage\n    retries: 2`), ctx());
    expect(texts(result)).toEqual(['系统繁忙，请稍后再试']);
    expect(server.calls.length - before).toBe(1);
  });

  it('retries a 5xx and succeeds', async () => {
    flakyCalls = 0;
    const result = await startFlow(
      httpFlow(`    type: http\n    url: /flaky\n    map: { status: response.status }`),
      ctx(),
    );
    expect(texts(result)).toEqual(['结果：ok']);
    expect(flakyCalls).toBe(2);
  });

  it('gives up after the last retry of a 5xx', async () => {
    const before = server.calls.length;
    const result = await startFlow(httpFlow(`    type: http\n    url: /down\n    retries: 3`), ctx());
    expect(texts(result)).toEqual(['系统繁忙，请稍后再试']);
    expect(server.calls.length - before).toBe(4);
  });

  it('goes to the error branch on a 4xx or a missing mapped field', async () => {
    const notFound = await startFlow(httpFlow(`    type: http\n    url: /orders/404`), ctx());
    expect(texts(notFound)).toEqual(['系统繁忙，请稍后再试']);
    const missing = await startFlow(
      httpFlow(`    type: http\n    url: /orders/1\n    map: { status: response.carrier.name }`),
      ctx(),
    );
    expect(texts(missing)).toEqual(['系统繁忙，请稍后再试']);
    expect(missing.problems[0]?.message).toMatch(/response.carrier.name/);
  });

  it('sends listed statuses to their own node, with the response readable', async () => {
    const flow = buildFlow(`id: status_test
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [], en: [] } }
start: call
nodes:
  call:
    type: http
    url: /orders/404
    onStatus: { 404: missing }
    next: sorry
    onError: sorry
  missing: { type: end, text: { zh: '没找到（{{response.error}}）', en: 'Not found' } }
  sorry: { type: end, text: { zh: 出错, en: Error } }
`);
    expect(texts(await startFlow(flow, ctx()))).toEqual(['没找到（not_found）']);
  });

  it('goes to the error branch for URLs outside the allow-list, or relative without a base', async () => {
    const outside = await startFlow(
      httpFlow(`    type: http\n    url: http://127.0.0.2:9/x`),
      ctx({ http: createFetchHttp({ allowOrigins: [server.origin] }) }),
    );
    expect(texts(outside)).toEqual(['系统繁忙，请稍后再试']);
    expect(outside.problems[0]?.message).toMatch(/allow-list/);
    const noBase = await startFlow(
      httpFlow(`    type: http\n    url: /orders/1`),
      ctx({ baseUrl: undefined }),
    );
    expect(noBase.problems[0]?.message).toMatch(/baseUrl/);
  });

  it('survives an http function that never settles', async () => {
    const result = await startFlow(
      httpFlow(`    type: http\n    url: /orders/1\n    timeoutMs: 100\n    retries: 0`),
      ctx({ http: () => new Promise(() => {}) }),
    );
    expect(texts(result)).toEqual(['系统繁忙，请稍后再试']);
  });

  it('survives an http function that throws instead of rejecting', async () => {
    const http = () => {
      throw new Error('boom');
    };
    const result = await startFlow(
      httpFlow(`    type: http\n    url: /orders/1\n    retries: 0`),
      ctx({ http }),
    );
    expect(texts(result)).toEqual(['系统繁忙，请稍后再试']);
    expect(result.problems[0]?.message).toBe('boom');
  });
});
