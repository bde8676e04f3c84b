import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, detailsOf } from './api.ts';
import { conversation as sampleConversation } from './store/testFixtures.ts';

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
    const bot = { state: 'training' as const, version: 3, liveVersion: 2 };
    const fetch = respond(200, { entry, bot });
    expect(await api.saveKnowledge(entry)).toEqual({ entry, bot });
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

  it('read the bot’s status after a knowledge change, failure text included', async () => {
    const failed = { state: 'failed', version: 4, liveVersion: 3, error: 'worker ran out of memory' };
    respond(200, { removed: 'gifts.wrap', bot: failed });
    expect(await api.removeKnowledge('gifts.wrap')).toEqual({ removed: 'gifts.wrap', bot: failed });
    const status = respond(200, { state: 'live', version: 4, liveVersion: 4 });
    expect(await api.botStatus()).toEqual({ state: 'live', version: 4, liveVersion: 4 });
    expect(status.mock.calls[0]?.[0]).toBe('/api/admin/bot/status');
    // a save answer without the bot's status is not what the server promises
    respond(200, { entry: { id: 'x' } });
    await expect(
      api.saveKnowledge({
        id: 'x',
        category: 'c',
        questions: { zh: [], en: [] },
        answer: { zh: '是', en: 'Yes' },
        related: [],
      }),
    ).rejects.toMatchObject({ code: 'internal' });
  });

  it('refuse a response that does not match the contract', async () => {
    respond(200, { entries: [{ id: 'x' }] });
    await expect(api.knowledge()).rejects.toMatchObject({ code: 'internal' });
    expect(detailsOf(new Error('x'))).toEqual([]);
  });
});

describe('routing API calls (the REST twins of the socket commands)', () => {
  const id = '00000000-0000-4000-8000-0000000000aa';
  const conversation = { ...sampleConversation(), id };

  it('send the target and the note of a transfer, and nothing else for the plain commands', async () => {
    const fetch = respond(200, { conversation });
    await api.transfer(id, { kind: 'team', teamId: '00000000-0000-4000-8000-0000000000bb' }, 'VIP, refund');
    await api.transfer(id, { kind: 'expert' });
    await api.release(id);
    await api.handBack(id);
    await api.decline(id);
    const calls = fetch.mock.calls.map(([url, init]) => [url, init?.method, JSON.parse(String(init?.body))]);
    expect(calls).toEqual([
      [
        `/api/conversations/${id}/transfer`,
        'POST',
        { to: { kind: 'team', teamId: '00000000-0000-4000-8000-0000000000bb' }, note: 'VIP, refund' },
      ],
      [`/api/conversations/${id}/transfer`, 'POST', { to: { kind: 'expert' } }],
      [`/api/conversations/${id}/release`, 'POST', {}],
      [`/api/conversations/${id}/handback`, 'POST', {}],
      [`/api/conversations/${id}/decline`, 'POST', {}],
    ]);
  });

  it("keep the server's code and message when a transfer is refused", async () => {
    respond(409, { error: { code: 'target_unavailable', message: 'nobody in 账单 Payments is online now' } });
    await expect(api.transfer(id, { kind: 'expert' })).rejects.toMatchObject({
      code: 'target_unavailable',
      message: 'nobody in 账单 Payments is online now',
    });
  });
});
