import type { AgentConversation, AttachmentView, MessageView } from '@tandem/protocol';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, pdf } from './attachmentFixtures.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import { api, connect, emit, loginCookie, startTestApp, type TestApp, waitFor } from './harness.ts';

/** The largest attachment this server takes (the widget is told, and says so before uploading). */
const MAX_BYTES = 300_000;

const words = {
  zh: {
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    mobile: true,
    handoff: '转人工',
    attach: '添加图片或 PDF',
    uploading: /^上传中 \d+%$/,
    fileType: '只能发送图片或 PDF 文件',
    fileSize: '文件太大，最大 300 KB',
    photo: '发票照片.png',
    reply: '收到，这是您的电子发票',
  },
  en: {
    locale: 'en-GB',
    viewport: { width: 1280, height: 800 },
    mobile: false,
    handoff: 'Talk to a person',
    attach: 'Attach an image or PDF',
    uploading: /^Uploading \d+%$/,
    fileType: 'Only images and PDF files can be sent',
    fileSize: 'The file is too large (at most 300 KB)',
    photo: 'receipt photo.png',
    reply: 'Thanks, here is your invoice',
  },
} as const;

/** The image's natural width once it has loaded (through its signed link); fails if it cannot load. */
const loadedWidth = (image: Locator) =>
  image.evaluate(
    (node: HTMLImageElement) =>
      new Promise<number>((resolve, reject) => {
        if (node.complete && node.naturalWidth > 0) return resolve(node.naturalWidth);
        node.addEventListener('load', () => resolve(node.naturalWidth));
        node.addEventListener('error', () => reject(new Error(`${node.src} did not load`)));
      }),
  );

/**
 * Attachments in the customer's widget, in a real browser: the paperclip (named in the reader's language),
 * a picked photo uploading (its progress shown on a slow connection), sent and shown inline, received by the
 * agent; the agent's image and PDF shown in the widget (the image inline, the PDF as a card with name and
 * size); a file that is not an image or PDF, and one too big, refused with a word why. Chinese on a phone,
 * English on a desktop. Screenshots in test-artifacts/.
 */
describe('the widget: sending and receiving attachments', () => {
  let t: TestApp;
  let browser: Browser;
  let agentCookie: string;

  beforeAll(async () => {
    t = await startTestApp('pglite', { attachmentMaxBytes: MAX_BYTES });
    browser = await launchBrowser();
    agentCookie = await loginCookie(t.url, 'agent1@tandem.demo');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Waits for the chat window's opening animation to end (a screenshot in between is half transparent). */
  const settled = (page: Page) =>
    page
      .locator('.window')
      .evaluate((node) => Promise.all(node.getAnimations().map((animation) => animation.finished)));

  /** Picks files through the paperclip's file chooser, as a customer would. */
  async function pick(
    page: Page,
    name: string,
    files: Array<{ name: string; mimeType: string; buffer: Buffer }>,
  ) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name, exact: true }).click();
    await (await chooser).setFiles(files);
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`sends a photo, shows the agent's image and PDF, refuses what it cannot send (${lang})`, async () => {
      const w = words[lang];
      const context = await browser.newContext({
        locale: w.locale,
        viewport: w.viewport,
        isMobile: w.mobile,
        hasTouch: w.mobile,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      // an anonymous visitor (the demo shop would sign in its customer C1001): a fresh customer per language
      await page.route('**/demo-api/identity/**', (route) => route.fulfill({ status: 404, body: '{}' }));
      await page.goto(`${t.url}/demo/`);
      await page.locator('.launcher').click();
      await settled(page);

      // an agent takes the conversation
      const agent = await connect(t, '/agent', { cookie: agentCookie });
      const queued = waitFor<AgentConversation>(agent, 'conversation:updated', (c) => c.status === 'queued');
      await page.getByRole('button', { name: w.handoff }).click();
      const conversationId = (await queued).id;
      expect((await emit(agent, 'conversation:accept', { conversationId })).ok).toBe(true);

      // a photo on a slow connection: its upload's progress shows, then it is sent and shown inline
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: 1_000_000,
        uploadThroughput: 60_000,
      });
      const atAgent = waitFor<MessageView>(
        agent,
        'message:new',
        (m) => m.author.kind === 'customer' && (m.attachments?.length ?? 0) > 0,
      );
      const photo = makePng(360, 240, [15, 118, 110], [251, 191, 36], 150_000);
      await pick(page, w.attach, [{ name: w.photo, mimeType: 'image/png', buffer: photo }]);
      await visible(page.locator('.list .msg-out .meta', { hasText: w.uploading }));
      await shot(page, `widget-attachment-01-uploading-${lang}`);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      const mine = page.locator('.list .msg-out .att-img img');
      await visible(mine);
      expect(await loadedWidth(mine)).toBe(360);
      expect(await mine.getAttribute('alt')).toBe(w.photo);
      // a click opens the full size in a new tab
      expect(await page.locator('.list .msg-out a.att-img').getAttribute('target')).toBe('_blank');
      const received = await atAgent;
      expect(received.attachments?.[0]).toMatchObject({
        name: w.photo,
        mime: 'image/png',
        size: photo.length,
      });

      // the agent answers with an image and a PDF: the image inline, the PDF as a card with name and size
      const upload = async (body: Buffer, name: string) => {
        const response = await fetch(`${t.url}/api/conversations/${conversationId}/attachments`, {
          method: 'POST',
          headers: {
            cookie: agentCookie,
            'content-type': 'application/octet-stream',
            'x-file-name': encodeURIComponent(name),
          },
          body: new Uint8Array(body),
        });
        return ((await response.json()) as { attachment: AttachmentView }).attachment;
      };
      const image = await upload(makePng(240, 160, [29, 78, 216], [244, 114, 182]), 'invoice-preview.png');
      const doc = await upload(pdf, 'invoice-A1024.pdf');
      const sent = await api(t.url, `/api/conversations/${conversationId}/messages`, {
        cookie: agentCookie,
        body: { clientId: `reply-${lang}-${Date.now()}`, text: w.reply, attachmentIds: [image.id, doc.id] },
      });
      expect(sent.status).toBe(201);
      const theirs = page.locator('.list .msg-agent .att-img img');
      await visible(theirs);
      expect(await loadedWidth(theirs)).toBe(240);
      const card = page.locator('.list .msg-agent a.att-file');
      await visible(card);
      expect(await card.textContent()).toBe(`invoice-A1024.pdf${Math.ceil(pdf.length / 1000)} KB`);
      expect(await card.getAttribute('href')).toMatch(/\/api\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=/);
      await visible(page.locator('.list .msg-agent .bubble', { hasText: w.reply }));
      await shot(page, `widget-attachment-02-sent-and-received-${lang}`);

      // what it cannot send: a "picture" that is not one (refused by the server), a photo too big (said at once)
      await pick(page, w.attach, [
        {
          name: 'scan.png',
          mimeType: 'image/png',
          buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        },
      ]);
      await visible(page.getByText(w.fileType, { exact: true }));
      await pick(page, w.attach, [
        { name: 'huge.png', mimeType: 'image/png', buffer: makePng(8, 8, undefined, undefined, MAX_BYTES) },
      ]);
      await visible(page.getByText(w.fileSize, { exact: true }));
      await shot(page, `widget-attachment-03-refused-${lang}`);
      expect(await page.locator('.list .msg-out').count()).toBe(1);
      expect(errors).toEqual([]);
      agent.disconnect();
      await context.close();
    });
  }
});
