import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredEncoding, webAssets } from '../src/routes/static.ts';
import { startTestApp, type TestApp } from './harness.ts';

/**
 * The console and the widget are served compressed to browsers that take it (copies written by the build),
 * the console's hashed files are kept by browsers for good, and what keeps its address is revalidated.
 */
describe('web assets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite');
  });
  afterAll(() => t?.close());

  const script = readdirSync(`${webAssets.console}assets`).find((name) => /^index-.*\.js$/.test(name));
  interface Sent {
    status: number;
    headers: { get(name: string): string | null };
    body: Buffer;
  }
  /** A GET that reads the bytes as sent (fetch would decode them itself). */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<Sent>((resolve, reject) => {
      request(`${t.url}${path}`, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: { get: (name) => (response.headers[name] as string | undefined) ?? null },
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
  const raw = async (response: Sent) => response.body;

  it('sends the console’s hashed scripts compressed and cacheable for good; the page itself is revalidated', async () => {
    expect(script).toBeDefined();
    const original = readFileSync(`${webAssets.console}assets/${script}`);
    const br = await get(`/console/assets/${script}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(brotliDecompressSync(await raw(br)).equals(original)).toBe(true);

    const gz = await get(`/console/assets/${script}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(await raw(gz)).equals(original)).toBe(true);

    const plain = await get(`/console/assets/${script}`, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await raw(plain)).equals(original)).toBe(true);

    const page = await get('/console/', { 'accept-encoding': 'br' });
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends the widget script compressed, revalidated, with a 304 when unchanged', async () => {
    const original = readFileSync(`${webAssets.widget}widget.js`);
    const br = await get('/widget.js', { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('no-cache');
    expect(brotliDecompressSync(await raw(br)).equals(original)).toBe(true);
    const etag = br.headers.get('etag') as string;
    const again = await get('/widget.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);

    const refused = await get('/widget.js', { 'accept-encoding': 'br;q=0, gzip' });
    expect(refused.headers.get('content-encoding')).toBe('gzip');
    const none = await get('/widget.js', { 'accept-encoding': '' });
    expect(none.headers.get('content-encoding')).toBeNull();
    expect((await raw(none)).equals(original)).toBe(true);
  });

  it('reads Accept-Encoding as browsers and proxies write it', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('BR;Q=0.1')).toBe('br');
    expect(preferredEncoding('br;q=0, gzip;q=0')).toBeNull();
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0')).toBeNull();
    expect(preferredEncoding(['identity', 'gzip'])).toBe('gzip');
    expect(preferredEncoding('br;q=abc')).toBeNull();
    expect(preferredEncoding(undefined)).toBeNull();
  });
});
