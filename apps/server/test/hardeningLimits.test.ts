import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { connect, emit, startTestApp, type TestApp } from './harness.ts';

type ErrorResponse = { error: { code: string } };

/** Per-account login throttling and the limits a deployment tunes (TRUST_PROXY on: each test request picks its IP). */
describe('hardening: limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', {
      trustProxy: true,
      rateLimitSessionsPerMinute: 3,
      socketEventBurst: 4,
      socketEventsPerSecond: 0.01,
    });
  });
  afterAll(() => t.close());

  let ipCounter = 1;
  const freshIp = () => `10.9.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;
  const post = async (path: string, body: unknown, ip = freshIp()) => {
    const response = await fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as ErrorResponse,
      headers: response.headers,
    };
  };
  const login = (email: string, password: string) => post('/api/auth/login', { email, password });

  it('throttles logins per account after 10 failures, from any address', async () => {
    for (let i = 0; i < 10; i++) {
      const wrong = await login('agent1@tandem.demo', `wrong-${i}`);
      expect([wrong.status, wrong.body.error.code]).toEqual([401, 'invalid_credentials']);
    }
    // the right password from yet another address: the account is locked for the window
    const locked = await login('agent1@tandem.demo', 'tandem-demo');
    expect([locked.status, locked.body.error.code]).toEqual([429, 'rate_limited']);
    // the e-mail is normalised: case and spaces do not open a new budget
    const upper = await login('AGENT1@Tandem.Demo', 'tandem-demo');
    expect(upper.status).toBe(429);
    // other accounts are not affected
    const other = await login('agent2@tandem.demo', 'tandem-demo');
    expect(other.status).toBe(200);
  });

  it('does not reveal whether an account exists', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await login('nobody@tandem.demo', `x-${i}`)).status).toBe(401);
    }
    expect((await login('nobody@tandem.demo', 'x')).status).toBe(429);
  });

  it('a successful login clears the failures of the account', async () => {
    for (let i = 0; i < 9; i++) expect((await login('expert@tandem.demo', `w-${i}`)).status).toBe(401);
    expect((await login('expert@tandem.demo', 'tandem-demo')).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login('expert@tandem.demo', `v-${i}`)).status).toBe(401);
    expect((await login('expert@tandem.demo', 'tandem-demo')).status).toBe(200);
  });

  it('limits new visitor sessions per IP by RATE_LIMIT_SESSIONS_PER_MINUTE', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++)
      expect((await post('/api/widget/session', { workspace: 'demo' }, ip)).status).toBe(200);
    const over = await post('/api/widget/session', { workspace: 'demo' }, ip);
    expect([over.status, over.body.error.code]).toEqual([429, 'rate_limited']);
    expect((await post('/api/widget/session', { workspace: 'demo' })).status).toBe(200);
  });

  it('limits socket events by SOCKET_EVENT_BURST and SOCKET_EVENTS_PER_SECOND', async () => {
    const session = await post('/api/widget/session', { workspace: 'demo' });
    const token = (session.body as unknown as { visitorToken: string }).visitorToken;
    const socket = await connect(t, '/widget', { token });
    const codes: Array<string | true> = [];
    for (let i = 0; i < 6; i++) {
      const ack = await emit(socket, 'typing', { typing: i % 2 === 0 });
      codes.push(ack.ok || ack.error.code);
    }
    expect(codes).toEqual([true, true, true, true, 'rate_limited', 'rate_limited']);
  });

  it('reads the limits from the environment with safe defaults', () => {
    const defaults = loadConfig({});
    expect([
      defaults.rateLimitSessionsPerMinute,
      defaults.socketEventsPerSecond,
      defaults.socketEventBurst,
    ]).toEqual([300, 2, 20]);
    const set = loadConfig({
      RATE_LIMIT_SESSIONS_PER_MINUTE: '50',
      SOCKET_EVENTS_PER_SECOND: '0.5',
      SOCKET_EVENT_BURST: '5',
    });
    expect([set.rateLimitSessionsPerMinute, set.socketEventsPerSecond, set.socketEventBurst]).toEqual([
      50, 0.5, 5,
    ]);
    expect(() => loadConfig({ SOCKET_EVENT_BURST: '0' })).toThrow(/SOCKET_EVENT_BURST/);
    expect(() => loadConfig({ SOCKET_EVENTS_PER_SECOND: '-1' })).toThrow(/SOCKET_EVENTS_PER_SECOND/);
    expect(() => loadConfig({ RATE_LIMIT_SESSIONS_PER_MINUTE: 'lots' })).toThrow(
      /RATE_LIMIT_SESSIONS_PER_MINUTE/,
    );
  });
});
