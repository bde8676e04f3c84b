import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachmentView, MessageView } from '@tandem/protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, pdf } from './attachmentFixtures.ts';
import { launchBrowser, shot, visible } from './browserHarness.ts';
import {
  clientId,
  EVENT_TIMEOUT_MS,
  emit,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

/**
 * Files both ways in the console: the customer sends a photo (shown inline to the agent), the agent attaches
 * an image and a PDF with the paperclip (the customer receives both with working links), and a file the
 * server refuses says why in the composer.
 */
describe('attachments in the console', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp('pglite', { routingOfferTimeoutSeconds: 120 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it(
    'shows the customer’s photo inline and sends the agent’s image and PDF',
    async () => {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 860 } });
      const page = await context.newPage();
      await page.goto(`${t.url}/console/`);
      await page.getByLabel('Email').fill('agent1@tandem.demo');
      await page.getByLabel('Password').fill('tandem-demo');
      await page.keyboard.press('Enter');
      await visible(page.getByRole('tab', { name: /Queued/ }));

      // a customer who asks for a person; the agent accepts the offer
      const customer = await newCustomer(t, 'en');
      const said = await emit(customer.socket, 'message:send', {
        clientId: clientId(),
        text: 'My parcel arrived broken',
      });
      expect(said.ok).toBe(true);
      expect((await emit(customer.socket, 'handoff:request', {})).ok).toBe(true);
      const shortId = `#${customer.contactId.replace(/-/g, '').slice(0, 4)}`;
      const card = page.locator('.offer-card', { hasText: shortId });
      await visible(card);
      await card.getByRole('button', { name: 'Accept' }).click();
      await visible(page.locator('.conversation-header').getByRole('heading', { name: new RegExp(shortId) }));

      // ---- the customer's photo, uploaded with their visitor token and sent: inline for the agent ----
      const photo = makePng(160, 120, [220, 38, 38], [250, 204, 21]);
      const uploaded = await fetch(`${t.url}/api/widget/attachments`, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          authorization: `Bearer ${customer.token}`,
          'x-file-name': encodeURIComponent('broken-box.png'),
        },
        body: new Uint8Array(photo),
      });
      expect(uploaded.status).toBe(201);
      const { attachment } = (await uploaded.json()) as { attachment: AttachmentView };
      const sent = await emit(customer.socket, 'message:send', {
        clientId: clientId(),
        attachmentIds: [attachment.id],
      });
      expect(sent.ok).toBe(true);
      const image = page.locator('.transcript img[alt="broken-box.png"]');
      await visible(image);
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
      await visible(page.locator('.row', { hasText: shortId }).getByText('[file]'));

      // ---- the agent attaches an image and a PDF with the paperclip and sends them with a line of text ----
      const files = [
        { path: join(tmpdir(), `label-${Date.now()}.png`), bytes: makePng(120, 80) },
        { path: join(tmpdir(), `return-form-${Date.now()}.pdf`), bytes: pdf },
      ];
      for (const file of files) writeFileSync(file.path, file.bytes);
      await page.getByTestId('composer-file').setInputFiles(files.map((file) => file.path));
      const chips = page.getByRole('list', { name: 'Files to send' });
      await expect.poll(() => chips.getByRole('listitem').count()).toBe(2);
      await expect.poll(() => page.getByText('Uploading').count(), { timeout: EVENT_TIMEOUT_MS }).toBe(0);
      const received = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
      await page
        .getByRole('textbox', { name: 'Reply', exact: true })
        .fill('Here is the return label and the form.');
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      const message = await received;
      expect(message.text).toBe('Here is the return label and the form.');
      expect(message.attachments?.map((file) => file.mime).sort()).toEqual(['application/pdf', 'image/png']);
      for (const file of message.attachments ?? []) {
        const download = await fetch(`${t.url}${file.url}`);
        expect(download.status).toBe(200);
        expect(download.headers.get('content-type')).toBe(file.mime);
      }
      await visible(page.locator('.transcript .attachment-file', { hasText: 'return-form' }));

      // ---- a file the server refuses says why, and is not sent ----
      const fake = join(tmpdir(), `not-an-image-${Date.now()}.png`);
      writeFileSync(fake, 'MZ this is not a picture');
      await page.getByTestId('composer-file').setInputFiles(fake);
      await visible(
        page.getByRole('alert').filter({ hasText: 'Only images (PNG, JPEG, GIF, WebP) and PDF' }),
      );
      await shot(page, 'console-attachments-en');
      await page.getByRole('button', { name: '中文' }).click();
      await visible(page.getByRole('alert').filter({ hasText: '仅支持图片' }));
      await shot(page, 'console-attachments-zh');
      await context.close();
    },
    EVENT_TIMEOUT_MS * 8,
  );
});
