import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessageView } from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchDocumentUrl, isPrivateAddress } from '../src/documents/fetchUrl.ts';
import { llmOf } from '../src/llm/service.ts';
import { docxDoc, docxParagraphs, htmlDoc, pdfDoc, pdfLines, textDoc, upload } from './documentsFixtures.ts';
import {
  api,
  clientId,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

const manual = (months: string) => `# 咖啡机使用手册

## 清洁与除垢
咖啡机每${months}需要除垢一次：在水箱中加入除垢剂，按住清洁键三秒，机器会自动完成除垢。

## 保修
整机保修两年，加热模块保修三年。
`;

interface Doc {
  id: string;
  title: string;
  format: string;
  chunkCount: number;
}

describe.each<TestDriver>(['pglite', 'postgres'])(
  'document knowledge without a language model (%s)',
  (driver) => {
    let t: TestApp;
    let admin: string;
    let workspaceId: string;

    const ask = async (locale: 'zh' | 'en', text: string) => {
      const { socket } = await newCustomer(t, locale);
      const answer = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
      expect((await emit(socket, 'message:send', { clientId: clientId(), text })).ok).toBe(true);
      return answer;
    };
    const search = (q: string, cookie = admin) =>
      api<{
        mode: string;
        passages: Array<{ title: string; heading: string; text: string; documentId: string }>;
      }>(t.url, `/api/admin/documents/search?q=${encodeURIComponent(q)}`, { cookie });

    beforeAll(async () => {
      t = await startTestApp(driver);
      admin = await loginCookie(t.url, 'admin@tandem.demo');
      workspaceId = ((await t.app.ctx.store.workspaces.findBySlug('demo')) as { id: string }).id;
    });
    afterAll(async () => {
      await t?.close();
    });

    it('reads every kind of document; staff search it; only admins and supervisors change it', async () => {
      const files: Array<[string, Buffer | string, string]> = [
        ['coffee.md', manual('三个月'), 'markdown'],
        ['warranty.html', htmlDoc, 'html'],
        ['points.txt', textDoc, 'text'],
        ['gift-cards.pdf', pdfDoc(pdfLines), 'pdf'],
        ['invoices.docx', docxDoc(docxParagraphs), 'docx'],
      ];
      for (const [name, body, format] of files) {
        const res = await upload(t.url, admin, name, body);
        expect(res.status, name).toBe(201);
        expect(res.body.document.format).toBe(format);
        expect(res.body.document.chunkCount).toBeGreaterThan(0);
      }
      const list = await api<{ documents: Doc[] }>(t.url, '/api/admin/documents', { cookie: admin });
      expect(list.body.documents.map((d) => d.title).sort()).toEqual(
        ['Warranty terms', 'gift-cards', 'invoices', 'points', '咖啡机使用手册'].sort(),
      );

      const agent = await loginCookie(t.url, 'agent1@tandem.demo');
      expect((await upload(t.url, agent, 'x.md', '# x\ny')).status).toBe(403);
      const found = await search('battery capacity below 80%', agent);
      expect(found.status).toBe(200);
      expect(found.body.mode).toBe('lexical');
      expect(found.body.passages[0]).toMatchObject({
        title: 'Warranty terms',
        heading: 'Warranty › Battery',
      });

      const unsupported = await upload(
        t.url,
        admin,
        'image.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
      );
      expect(unsupported.status).toBe(415);
      expect(unsupported.body.error?.code).toBe('unsupported_media');
    });

    it('answers a question the FAQ does not cover with the best passage and its source', async () => {
      const answer = await ask('zh', '咖啡机多久需要除垢一次？');
      expect(answer.text).toContain('每三个月需要除垢一次');
      expect(answer.text).toContain('咖啡机使用手册');
      expect(answer.sources).toEqual([
        { title: '咖啡机使用手册', heading: '咖啡机使用手册 › 清洁与除垢', url: null },
      ]);

      const english = await ask('en', 'Does battery capacity below 80% count as a defect?');
      expect(english.text).toContain('capacity below 80% counts as a defect');
      expect(english.sources?.[0]).toEqual({
        title: 'Warranty terms',
        heading: 'Warranty › Battery',
        url: null,
      });

      // the FAQ still answers what it covers, without sources
      const faq = await ask('zh', '怎么开发票');
      expect(faq.sources).toBeUndefined();
    });

    it('re-indexes a changed document and removes everything derived when it is deleted', async () => {
      const list = await api<{ documents: Doc[] }>(t.url, '/api/admin/documents', { cookie: admin });
      const coffee = list.body.documents.find((d) => d.title === '咖啡机使用手册') as Doc;
      const replaced = await upload(t.url, admin, 'coffee.md', manual('两个月'), `&replace=${coffee.id}`);
      expect(replaced.status).toBe(201);
      expect(replaced.body.document.id).toBe(coffee.id);
      const after = await search('咖啡机 除垢');
      expect(after.body.passages[0]?.text).toContain('每两个月');
      expect(after.body.passages.some((p) => p.text.includes('三个月'))).toBe(false);

      const removed = await api(t.url, `/api/admin/documents/${coffee.id}`, {
        method: 'DELETE',
        cookie: admin,
      });
      expect(removed.status).toBe(200);
      expect(await llmOf(t.app.ctx).documents.chunkCount(workspaceId, coffee.id)).toBe(0);
      expect(await llmOf(t.app.ctx).documents.find(workspaceId, coffee.id)).toBeNull();
      expect((await search('咖啡机 除垢')).body.passages.some((p) => p.documentId === coffee.id)).toBe(false);
      const answer = await ask('zh', '咖啡机多久需要除垢一次？');
      expect(answer.sources).toBeUndefined();
      expect(answer.text).not.toContain('除垢一次');
      expect(
        (await api(t.url, `/api/admin/documents/${coffee.id}`, { method: 'DELETE', cookie: admin })).status,
      ).toBe(404);
    });

    it('does not fetch URLs inside the network unless the server allows it', async () => {
      const res = await api<{ error: { code: string; message: string } }>(
        t.url,
        '/api/admin/documents/fetch',
        {
          cookie: admin,
          body: { url: `${t.url}/api/health` },
        },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
      expect(res.body.error.message).toMatch(/private network/);
    });
  },
);

describe('fetching a document by URL', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/page') res.writeHead(200, { 'content-type': 'text/html' }).end(htmlDoc);
      else if (req.url === '/moved') res.writeHead(302, { location: '/page' }).end();
      else if (req.url === '/big') res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
      else if (req.url === '/slow')
        return; // never answers
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const allowed = { allowPrivate: true, maxBytes: 1000, timeoutMs: 5000 };

  it('follows redirects and enforces the size and time limits', async () => {
    const page = await fetchDocumentUrl(`${base}/moved`, { ...allowed, maxBytes: 100_000 });
    expect(page.url).toBe(`${base}/page`);
    expect(page.bytes.toString()).toContain('Screen repairs');
    await expect(fetchDocumentUrl(`${base}/big`, allowed)).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    await expect(fetchDocumentUrl(`${base}/slow`, { ...allowed, timeoutMs: 300 })).rejects.toThrow(/in time/);
    await expect(fetchDocumentUrl(`${base}/missing`, allowed)).rejects.toThrow(/404/);
  });

  it('blocks private, loopback and link-local addresses, by literal and by name', async () => {
    const blocked = { ...allowed, allowPrivate: false };
    await expect(fetchDocumentUrl(`${base}/page`, blocked)).rejects.toThrow(/private network/);
    await expect(fetchDocumentUrl(`http://localhost:${new URL(base).port}/page`, blocked)).rejects.toThrow(
      /private network/,
    );
    await expect(fetchDocumentUrl('http://[::1]/', blocked)).rejects.toThrow(/private network/);
    await expect(fetchDocumentUrl('file:///etc/passwd', blocked)).rejects.toThrow(/http and https/);
    await expect(fetchDocumentUrl('http://user:pw@example.com/', blocked)).rejects.toThrow(/password/);
    for (const address of [
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});
