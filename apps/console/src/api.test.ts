import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, detailsOf } from './api.ts';

function respond(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(body), { status }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('admin API calls', () => {
  it('keep the path of each problem of a refused save', async () => {
    respond(400, {
      error: {
        code: 'validation_failed',
        message: 'rules definition is invalid',
        details: [{ path: 'rules[0].when.any[0].regex', message: 'unsafe regular expression' }],
      },
    });
    const error = await api.saveDefinition('rules', 'yaml', 'rules: []').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('validation_failed');
    expect(detailsOf(error)).toEqual([
      { path: 'rules[0].when.any[0].regex', message: 'unsafe regular expression' },
    ]);
  });

  it('send the entry to its own address and the version to activate', async () => {
    const entry = {
      id: 'gifts.wrap',
      category: 'orders',
      questions: { zh: ['可以包装吗'], en: [] },
      answer: { zh: '可以', en: 'Yes' },
      related: [],
    };
    const fetch = respond(200, { entry });
    expect(await api.saveKnowledge(entry)).toEqual(entry);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect([url, init?.method, JSON.parse(String(init?.body))]).toEqual([
      '/api/admin/knowledge/gifts.wrap',
      'PUT',
      entry,
    ]);

    const activate = respond(200, { kind: 'flow', key: 'order_status', version: 0 });
    await api.activateDefinition('flow', 'order_status', null);
    const [path, request] = activate.mock.calls[0] ?? [];
    expect([path, JSON.parse(String(request?.body))]).toEqual([
      '/api/admin/bot/flow/order_status/activate',
      { version: null },
    ]);
  });

  it('refuse a response that does not match the contract', async () => {
    respond(200, { entries: [{ id: 'x' }] });
    await expect(api.knowledge()).rejects.toMatchObject({ code: 'internal' });
    expect(detailsOf(new Error('x'))).toEqual([]);
  });
});
