import type { BotStatusView, MessageView } from '@tandem/protocol';
import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import { hashPassword } from '../src/services/tokens.ts';
import {
  api,
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  RETRAIN_TIMEOUT_MS,
  type TestApp,
  waitFor,
} from './harness.ts';

/** Staff of the demo workspace (plus a supervisor) and the admin of another workspace, signed in. */
export async function knowledgeStaff(t: TestApp, otherSlug: string) {
  const store = t.app.ctx.store;
  const demo = await store.workspaces.findBySlug('demo');
  const passwordHash = await hashPassword('tandem-demo');
  await store.setup.createUser({
    workspaceId: demo?.id as string,
    email: `supervisor@${otherSlug}.demo`,
    name: '主管 Supervisor',
    role: 'supervisor',
    passwordHash,
    locale: 'zh',
  });
  const other = await store.setup.createWorkspace({ slug: otherSlug, name: 'Other shop' });
  await store.setup.createUser({
    workspaceId: other,
    email: `admin@${otherSlug}.test`,
    name: 'Other admin',
    role: 'admin',
    passwordHash,
    locale: 'en',
  });
  return {
    admin: await loginCookie(t.url, 'admin@tandem.demo'),
    supervisor: await loginCookie(t.url, `supervisor@${otherSlug}.demo`),
    agent: await loginCookie(t.url, 'agent1@tandem.demo'),
    outsider: await loginCookie(t.url, `admin@${otherSlug}.test`),
  };
}

/**
 * Resolves once the workspace's bot answers with every change up to `version` (the `live` contract of a
 * save): from `bot:status` on a staff socket, or at once when the status already says so. Fails when that
 * training failed. No fixed wait.
 */
export async function whenLive(t: TestApp, cookie: string, socket: Socket, version: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => finish(new Error(`bot version ${version} not live in time`)),
      RETRAIN_TIMEOUT_MS,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off('bot:status', listener);
      if (error) reject(error);
      else resolve();
    };
    const check = (status: BotStatusView) => {
      if (status.liveVersion >= version) finish();
      else if (status.state === 'failed' && status.version >= version)
        finish(new Error(`training failed: ${status.error}`));
    };
    const listener = (status: BotStatusView) => check(status);
    socket.on('bot:status', listener);
    void api<BotStatusView>(t.url, '/api/admin/bot/status', { cookie }).then(
      (res) => check(res.body),
      finish,
    );
  });
}

export const staffSocket = (t: TestApp, cookie: string) => connect(t, '/agent', { cookie });

/** A new customer's first message and the bot's first reply to it. */
export async function askBot(t: TestApp, text: string, locale: 'zh' | 'en' = 'zh'): Promise<MessageView> {
  const customer = await newCustomer(t, locale);
  const reply = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
  const ack = await emit(customer.socket, 'message:send', { clientId: clientId(), text });
  expect(ack.ok).toBe(true);
  const message = await reply;
  customer.socket.disconnect();
  return message;
}

/** Sends a file as the raw request body. */
export async function upload<T>(
  t: TestApp,
  path: string,
  body: string | Buffer,
  contentType: string,
  cookie: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType, cookie },
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(EVENT_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Downloads a file. */
export async function download(t: TestApp, path: string, cookie: string) {
  const response = await fetch(`${t.url}${path}`, {
    headers: { cookie },
    signal: AbortSignal.timeout(EVENT_TIMEOUT_MS),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}
