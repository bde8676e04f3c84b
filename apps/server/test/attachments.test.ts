import { randomUUID } from 'node:crypto';
import type { AttachmentView, MessageView, WidgetSession } from '@tandem/protocol';
import type { TestDriver } from '@tandem/storage';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/services/tokens.ts';
import { exe, html, makePng, pdf, svg } from './attachmentFixtures.ts';
import {
  api,
  clientId,
  connect,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

type ErrorReply = { error: { code: string; message: string } };
type Uploaded = { attachment: AttachmentView };

/** The largest upload these servers take: above the app's 64 KiB JSON limit, small enough to test cheaply. */
const MAX_BYTES = 256 * 1024;

/** A raw upload, as the console and the widget send it. */
async function upload<T = Uploaded>(
  url: string,
  path: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...headers },
    body: new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

const name = (value: string) => ({ 'x-file-name': encodeURIComponent(value) });

describe.each<TestDriver>(['pglite', 'postgres'])('attachments on %s', (driver) => {
  let t: TestApp;
  let agent1Cookie: string;
  let agent2Cookie: string;
  let agent1: Socket;
  let outsiderCookie: string;

  beforeAll(async () => {
    t = await startTestApp(driver, { attachmentMaxBytes: MAX_BYTES });
    agent1Cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    agent2Cookie = await loginCookie(t.url, 'agent2@tandem.demo');
    agent1 = await connect(t, '/agent', { cookie: agent1Cookie });
    // away: the router offers nothing to agent1, who accepts each conversation directly (an offer racing
    // the accept can deadlock on PostgreSQL: not what these tests are about)
    const away = await emit(agent1, 'presence:set', { presence: 'away' });
    if (!away.ok) throw new Error(away.error.message);
    // a staff member of another workspace
    const store = t.app.ctx.store;
    const other = await store.setup.createWorkspace({ slug: 'attach-other', name: 'Other shop' });
    await store.setup.createUser({
      workspaceId: other,
      email: 'agent@attach-other.test',
      name: 'Other agent',
      role: 'admin',
      passwordHash: await hashPassword('other-password'),
      locale: 'en',
    });
    outsiderCookie = await loginCookie(t.url, 'agent@attach-other.test', 'other-password');
  }, 120_000);
  afterAll(() => t?.close());

  /** A customer whose conversation agent1 has accepted. */
  async function servedCustomer() {
    const customer = await newCustomer(t, 'zh');
    const first = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      text: '你好，我要退货',
    });
    if (!first.ok) throw new Error(first.error.message);
    const conversationId = first.data.message.conversationId;
    await emit(customer.socket, 'handoff:request', {});
    const accepted = await emit(agent1, 'conversation:accept', { conversationId });
    if (!accepted.ok) throw new Error(accepted.error.message);
    return { ...customer, conversationId };
  }

  const staffUpload = (conversationId: string, body: Buffer, fileName: string, cookie = agent1Cookie) =>
    upload(t.url, `/api/conversations/${conversationId}/attachments`, body, { cookie, ...name(fileName) });
  const customerUpload = (token: string, body: Buffer, fileName: string) =>
    upload(t.url, '/api/widget/attachments', body, { authorization: `Bearer ${token}`, ...name(fileName) });

  it('an agent sends a PNG and a PDF; the customer gets them with working signed links', async () => {
    const customer = await servedCustomer();
    const png = makePng(40, 30, undefined, undefined, 100_000); // over the 64 KiB JSON limit
    const image = await staffUpload(customer.conversationId, png, '截图 2026.png');
    expect(image.status).toBe(201);
    expect(image.body.attachment).toMatchObject({
      name: '截图 2026.png',
      mime: 'image/png',
      size: png.length,
    });
    const doc = await staffUpload(customer.conversationId, pdf, 'invoice.PDF');
    expect(doc.status).toBe(201);
    expect(doc.body.attachment).toMatchObject({
      name: 'invoice.PDF',
      mime: 'application/pdf',
      size: pdf.length,
    });

    const seen = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
    const sent = await api<{ message: MessageView }>(
      t.url,
      `/api/conversations/${customer.conversationId}/messages`,
      {
        cookie: agent1Cookie,
        body: {
          clientId: clientId(),
          text: '请看附件',
          attachmentIds: [image.body.attachment.id, doc.body.attachment.id],
        },
      },
    );
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments?.map((a) => a.id)).toEqual([
      image.body.attachment.id,
      doc.body.attachment.id,
    ]);
    const received = await seen;
    expect(received.text).toBe('请看附件');
    const [gotImage, gotDoc] = received.attachments ?? [];
    expect(gotImage).toMatchObject({
      id: image.body.attachment.id,
      name: '截图 2026.png',
      mime: 'image/png',
    });
    expect(gotDoc).toMatchObject({ id: doc.body.attachment.id, mime: 'application/pdf', size: pdf.length });

    // the image: inline, its sniffed type, nothing in it may run
    const imageResponse = await fetch(`${t.url}${gotImage?.url}`);
    expect(imageResponse.status).toBe(200);
    expect(Buffer.from(await imageResponse.arrayBuffer()).equals(png)).toBe(true);
    expect(imageResponse.headers.get('content-type')).toBe('image/png');
    expect(imageResponse.headers.get('x-content-type-options')).toBe('nosniff');
    expect(imageResponse.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
    expect(imageResponse.headers.get('content-disposition')).toBe(
      `inline; filename="__ 2026.png"; filename*=UTF-8''${encodeURIComponent('截图 2026.png')}`,
    );
    expect(imageResponse.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
    expect(imageResponse.headers.get('set-cookie')).toBeNull();

    // the PDF: downloaded, never shown in the page
    const docResponse = await fetch(`${t.url}${gotDoc?.url}`);
    expect(docResponse.status).toBe(200);
    expect(Buffer.from(await docResponse.arrayBuffer()).equals(pdf)).toBe(true);
    expect(docResponse.headers.get('content-type')).toBe('application/pdf');
    expect(docResponse.headers.get('content-disposition')).toBe(
      `attachment; filename="invoice.PDF"; filename*=UTF-8''invoice.PDF`,
    );
    expect(docResponse.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");

    // the same after a reload, for the customer and in the staff transcript
    const session = await api<WidgetSession>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: customer.token },
    });
    const again = session.body.messages.find((m) => m.id === received.id);
    expect(again?.attachments?.map((a) => a.name)).toEqual(['截图 2026.png', 'invoice.PDF']);
    const transcript = await api<{ messages: MessageView[] }>(
      t.url,
      `/api/conversations/${customer.conversationId}`,
      {
        cookie: agent1Cookie,
      },
    );
    const staffCopy = transcript.body.messages.find((m) => m.id === received.id);
    expect(staffCopy?.attachments?.map((a) => a.mime)).toEqual(['image/png', 'application/pdf']);
    expect((await fetch(`${t.url}${staffCopy?.attachments?.[1]?.url}`)).status).toBe(200);
  });

  it('an agent sends an image alone over the socket; a retry returns the same message with it', async () => {
    const customer = await servedCustomer();
    const image = await staffUpload(customer.conversationId, makePng(8, 8), 'a.png');
    const seen = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'agent');
    const payload = {
      conversationId: customer.conversationId,
      clientId: clientId(),
      attachmentIds: [image.body.attachment.id],
    };
    const sent = await emit<{ message: MessageView }>(agent1, 'message:send', payload);
    expect(sent.ok && sent.data.message.text).toBe('');
    expect(sent.ok && sent.data.message.attachments?.[0]?.id).toBe(image.body.attachment.id);
    expect((await seen).attachments?.[0]?.name).toBe('a.png');
    const retry = await emit<{ message: MessageView }>(agent1, 'message:send', payload);
    expect(retry.ok && retry.data.message.id).toBe(sent.ok && sent.data.message.id);
    expect(retry.ok && retry.data.message.attachments?.map((a) => a.id)).toEqual([image.body.attachment.id]);
  });

  it('a customer sends an image (alone, then with text) over the widget socket; the agent receives it', async () => {
    const customer = await servedCustomer();
    const png = makePng(16, 16);
    const uploaded = await customerUpload(customer.token, png, 'IMG_0001.PNG');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.attachment).toMatchObject({
      name: 'IMG_0001.PNG',
      mime: 'image/png',
      size: png.length,
    });

    const atAgent = waitFor<MessageView>(agent1, 'message:new', (m) => m.author.kind === 'customer');
    const sent = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      attachmentIds: [uploaded.body.attachment.id],
    });
    expect(sent.ok).toBe(true);
    const got = await atAgent;
    expect(got.text).toBe('');
    expect(got.attachments?.map((a) => a.id)).toEqual([uploaded.body.attachment.id]);
    const download = await fetch(`${t.url}${got.attachments?.[0]?.url}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);

    const second = await customerUpload(customer.token, pdf, '订单.pdf');
    const withText = waitFor<MessageView>(agent1, 'message:new', (m) => m.text === '这是发票');
    const both = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      text: '这是发票',
      attachmentIds: [second.body.attachment.id],
    });
    expect(both.ok && both.data.message.attachments?.[0]?.name).toBe('订单.pdf');
    expect((await withText).attachments?.[0]?.mime).toBe('application/pdf');
  });

  it('the bot leaves an attachment alone: it answers only what the customer writes', async () => {
    const customer = await newCustomer(t, 'zh');
    const uploaded = await customerUpload(customer.token, makePng(4, 4), 'x.png');
    // a first message with only an image opens the conversation with the bot
    const photo = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      attachmentIds: [uploaded.body.attachment.id],
    });
    expect(photo.ok).toBe(true);
    const photoId = photo.ok ? photo.data.message.id : '';
    const answer = waitFor<MessageView>(customer.socket, 'message:new', (m) => m.author.kind === 'bot');
    const question = await emit<{ message: MessageView }>(customer.socket, 'message:send', {
      clientId: clientId(),
      text: '怎么开发票',
    });
    const questionId = question.ok ? question.data.message.id : '';
    expect((await answer).clientId).toContain(questionId);
    const session = await api<WidgetSession>(t.url, '/api/widget/session', {
      body: { workspace: 'demo', visitorToken: customer.token },
    });
    const botReplies = session.body.messages.filter((m) => m.author.kind === 'bot');
    expect(botReplies.length).toBeGreaterThan(0);
    expect(botReplies.every((m) => !m.clientId?.includes(photoId))).toBe(true);
  });

  it('refuses what is not an allowed image or PDF, whatever its name, and what is too big', async () => {
    const customer = await servedCustomer();
    for (const [body, fileName] of [
      [exe, 'photo.png'],
      [svg, 'logo.svg'],
      [svg, 'logo.png'],
      [html, 'page.png'],
      [Buffer.from('just some text'), 'notes.pdf'],
    ] as const) {
      const byStaff = await staffUpload(customer.conversationId, body, fileName);
      expect([fileName, byStaff.status, (byStaff.body as unknown as ErrorReply).error.code]).toEqual([
        fileName,
        415,
        'unsupported_media',
      ]);
      const byCustomer = await customerUpload(customer.token, body, fileName);
      expect([fileName, byCustomer.status, (byCustomer.body as unknown as ErrorReply).error.code]).toEqual([
        fileName,
        415,
        'unsupported_media',
      ]);
    }
    const big = makePng(4, 4, undefined, undefined, MAX_BYTES);
    for (const tooBig of [
      await staffUpload(customer.conversationId, big, 'big.png'),
      await customerUpload(customer.token, big, 'big.png'),
    ]) {
      expect([tooBig.status, (tooBig.body as unknown as ErrorReply).error.code]).toEqual([
        413,
        'payload_too_large',
      ]);
    }
    // not sent as the raw file, or empty
    const json = await api<ErrorReply>(t.url, `/api/conversations/${customer.conversationId}/attachments`, {
      cookie: agent1Cookie,
      body: { file: 'iVBORw0KGgo=' },
    });
    expect([json.status, json.body.error.code]).toEqual([400, 'bad_request']);
    const empty = await customerUpload(customer.token, Buffer.alloc(0), 'empty.png');
    expect([empty.status, (empty.body as unknown as ErrorReply).error.code]).toEqual([400, 'bad_request']);
  });

  it('keeps file names harmless', async () => {
    const customer = await newCustomer(t, 'en');
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd.png'],
      ['C:\\Users\\me\\holiday.exe', 'holiday.exe.png'],
      ['evil\u202egnp.exe', 'evilgnp.exe.png'],
      ['<img src=x onerror=alert(1)>.png', '_img src=x onerror=alert(1)_.png'],
      ['', 'attachment.png'],
      [`${'长'.repeat(300)}.png`, `${'长'.repeat(116)}.png`],
    ];
    for (const [sent, stored] of cases) {
      const uploaded = await customerUpload(customer.token, makePng(2, 2), sent);
      expect(uploaded.body.attachment.name).toBe(stored);
    }
  });

  it('lets only those who may write in the conversation upload, and only with a visitor token for customers', async () => {
    const customer = await servedCustomer();
    const png = makePng(2, 2);
    const anonymous = await upload<ErrorReply>(
      t.url,
      `/api/conversations/${customer.conversationId}/attachments`,
      png,
    );
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthenticated']);
    const noToken = await upload<ErrorReply>(t.url, '/api/widget/attachments', png);
    expect([noToken.status, noToken.body.error.code]).toEqual([401, 'unauthenticated']);
    const badToken = await upload<ErrorReply>(t.url, '/api/widget/attachments', png, {
      authorization: `Bearer ${'x'.repeat(43)}`,
    });
    expect([badToken.status, badToken.body.error.code]).toEqual([401, 'unauthenticated']);
    // a teammate who does not serve it may not reply with a file, but may add one to an internal note
    const teammate = await staffUpload(customer.conversationId, png, 'a.png', agent2Cookie);
    expect([teammate.status, (teammate.body as unknown as ErrorReply).error.code]).toEqual([
      403,
      'not_assignee',
    ]);
    const forNote = await upload(
      t.url,
      `/api/conversations/${customer.conversationId}/attachments?internal=true`,
      png,
      {
        cookie: agent2Cookie,
      },
    );
    expect(forNote.status).toBe(201);
    const note = await api<{ message: MessageView }>(
      t.url,
      `/api/conversations/${customer.conversationId}/messages`,
      {
        cookie: agent2Cookie,
        body: {
          clientId: clientId(),
          text: 'see the screenshot',
          internal: true,
          attachmentIds: [forNote.body.attachment.id],
        },
      },
    );
    expect(note.status).toBe(201);
    expect(note.body.message.internal).toBe(true);
    expect(note.body.message.attachments?.[0]?.id).toBe(forNote.body.attachment.id);
    // another workspace's staff cannot even tell the conversation exists
    const outsider = await staffUpload(customer.conversationId, png, 'a.png', outsiderCookie);
    expect([outsider.status, (outsider.body as unknown as ErrorReply).error.code]).toEqual([
      404,
      'conversation_not_found',
    ]);
  });

  it('links only the sender’s own unsent uploads of the same conversation', async () => {
    const a = await servedCustomer();
    const b = await servedCustomer();
    const png = makePng(2, 2);
    const forA = (await staffUpload(a.conversationId, png, 'a.png')).body.attachment.id;
    const byCustomerA = (await customerUpload(a.token, png, 'c.png')).body.attachment.id;
    const send = (conversationId: string, attachmentIds: string[], cookie = agent1Cookie) =>
      api<ErrorReply & { message: MessageView }>(t.url, `/api/conversations/${conversationId}/messages`, {
        cookie,
        body: { clientId: clientId(), text: 'file', attachmentIds },
      });

    // another conversation's upload, a customer's, an unknown id: nothing is sent
    for (const ids of [[forA], [byCustomerA], [randomUUID()]]) {
      const refused = await send(b.conversationId, ids);
      expect([refused.status, refused.body.error.code]).toEqual([404, 'not_found']);
    }
    const transcriptB = await api<{ messages: MessageView[] }>(
      t.url,
      `/api/conversations/${b.conversationId}`,
      {
        cookie: agent1Cookie,
      },
    );
    expect(transcriptB.body.messages.some((m) => m.text === 'file')).toBe(false);
    // a customer cannot send staff uploads or another customer's
    for (const ids of [[forA], [byCustomerA]]) {
      const refused = await emit(b.socket, 'message:send', { clientId: clientId(), attachmentIds: ids });
      expect(!refused.ok && refused.error.code).toBe('not_found');
    }
    // sent once, it cannot be sent again in another message
    expect((await send(a.conversationId, [forA])).status).toBe(201);
    const twice = await send(a.conversationId, [forA]);
    expect([twice.status, twice.body.error.code]).toEqual([404, 'not_found']);
    // another workspace's staff cannot send into this conversation (it does not exist for them)
    const outsider = await send(a.conversationId, [byCustomerA], outsiderCookie);
    expect(outsider.status).toBe(404);
    // at most five, no repeats, and a message is never empty
    const six = await send(
      a.conversationId,
      Array.from({ length: 6 }, () => randomUUID()),
    );
    expect([six.status, six.body.error.code]).toEqual([400, 'validation_failed']);
    const repeated = await send(a.conversationId, [byCustomerA, byCustomerA]);
    expect([repeated.status, repeated.body.error.code]).toEqual([400, 'validation_failed']);
    const nothing = await emit(a.socket, 'message:send', {
      clientId: clientId(),
      text: '  ',
      attachmentIds: [],
    });
    expect(!nothing.ok && nothing.error.code).toBe('validation_failed');
  });

  it('serves a download only through a valid, unexpired link', async () => {
    const customer = await servedCustomer();
    const uploaded = await customerUpload(customer.token, makePng(2, 2), 'x.png');
    const { id, url } = uploaded.body.attachment;
    expect((await fetch(`${t.url}${url}`)).status).toBe(200);
    const denied = async (path: string) => {
      const response = await fetch(`${t.url}${path}`);
      const body = (await response.json()) as ErrorReply;
      return [response.status, body.error.code];
    };
    const { searchParams } = new URL(url, t.url);
    const sig = searchParams.get('sig') as string;
    const exp = searchParams.get('exp') as string;
    expect(await denied(`/api/attachments/${id}`)).toEqual([403, 'forbidden']);
    expect(await denied(`/api/attachments/${id}?exp=${exp}`)).toEqual([403, 'forbidden']);
    expect(await denied(`/api/attachments/${id}?exp=${exp}&sig=${sig.slice(1)}A`)).toEqual([
      403,
      'forbidden',
    ]);
    expect(await denied(`/api/attachments/${id}?exp=${Number(exp) + 3600}&sig=${sig}`)).toEqual([
      403,
      'forbidden',
    ]);
    // another attachment's signature does not open this one
    const other = await customerUpload(customer.token, makePng(2, 2), 'y.png');
    const otherSig = new URL(other.body.attachment.url, t.url).searchParams.get('sig');
    expect(await denied(`/api/attachments/${id}?exp=${exp}&sig=${otherSig}`)).toEqual([403, 'forbidden']);
    // expired: a link signed two days ago
    const old = t.app.ctx.attachments.url(id, Date.now() - 2 * 24 * 3600 * 1000);
    expect(await denied(old)).toEqual([403, 'forbidden']);
    // a valid link to nothing (deleted since): not found
    expect(await denied(t.app.ctx.attachments.url(randomUUID()))).toEqual([404, 'not_found']);
  });

  it('describes the upload and download routes in the OpenAPI description', async () => {
    type Operation = {
      requestBody?: { content: Record<string, unknown> };
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    const openapi = await api<{ paths: Record<string, Record<string, Operation>> }>(
      t.url,
      '/api/openapi.json',
    );
    const { paths } = openapi.body;
    for (const path of ['/api/conversations/{id}/attachments', '/api/widget/attachments']) {
      expect(Object.keys(paths[path]?.post?.requestBody?.content ?? {}), path).toEqual([
        'application/octet-stream',
      ]);
    }
    expect(Object.keys(paths['/api/attachments/{id}']?.get?.responses['200']?.content ?? {})).toEqual([
      '*/*',
    ]);
  });
});
