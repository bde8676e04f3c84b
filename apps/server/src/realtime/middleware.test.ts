import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseHandshakeRequest } from './middleware.ts';

describe('releasing the HTTP request a connection was opened with', () => {
  const http = createServer();
  const server = new Server(http, { serveClient: false });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('lets the request go, and a namespace joined later on the same connection still sees its headers', async () => {
    const released = new Promise<unknown>((resolve) =>
      server.of('/first').on('connection', (socket) => {
        releaseHandshakeRequest(socket);
        resolve(socket.conn.request);
      }),
    );
    const second = new Promise<{ cookie: string | undefined; url: string; secure: boolean }>((resolve) =>
      server.of('/second').on('connection', (socket) =>
        resolve({
          cookie: socket.handshake.headers.cookie,
          url: socket.handshake.url,
          secure: socket.handshake.secure,
        }),
      ),
    );
    const first = connect(`${url}/first`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: 'probe=1' },
    });
    try {
      const kept = (await released) as Record<string, unknown>;
      // no longer the IncomingMessage (with its socket, raw headers and stream state)
      expect('socket' in kept).toBe(false);
      expect(kept.headers).toMatchObject({ cookie: 'probe=1' });
      // the same engine connection joins another namespace: its handshake is built from what was kept
      const other = first.io.socket('/second');
      other.connect();
      const handshake = await second;
      expect(handshake.cookie).toBe('probe=1');
      expect(handshake.url).toMatch(/^\/socket\.io\//);
      expect(handshake.secure).toBe(false);
      other.disconnect();
    } finally {
      first.disconnect();
    }
  });

  it('does nothing the second time', () => {
    const kept = { headers: {}, url: '/', connection: { encrypted: false } };
    const socket = { conn: { request: kept as unknown } };
    releaseHandshakeRequest(socket);
    expect(socket.conn.request).toBe(kept);
  });
});
