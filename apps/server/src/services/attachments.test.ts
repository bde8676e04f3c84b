import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDisposition, createAttachmentUrls, sanitizeFileName, sniffMime } from './attachments.ts';

describe('attachment file names', () => {
  it('keeps ordinary names, Chinese included', () => {
    expect(sanitizeFileName(encodeURIComponent('发票 2026-03.pdf'), 'application/pdf')).toBe(
      '发票 2026-03.pdf',
    );
    expect(sanitizeFileName('IMG_0001.JPG', 'image/jpeg')).toBe('IMG_0001.JPG');
    expect(sanitizeFileName('photo.jpeg', 'image/jpeg')).toBe('photo.jpeg');
  });

  it('drops folders, control and invisible characters, and gives the real type its extension', () => {
    expect(sanitizeFileName('..%2F..%2Fetc%2Fpasswd', 'image/png')).toBe('passwd.png');
    expect(sanitizeFileName(encodeURIComponent('invoice\u202egpj.exe'), 'image/jpeg')).toBe(
      'invoicegpj.exe.jpg',
    );
    expect(sanitizeFileName(encodeURIComponent('a\u0000b\r\nc\u200b.gif'), 'image/gif')).toBe('abc.gif');
    expect(sanitizeFileName('report.pdf', 'image/png')).toBe('report.pdf.png');
    expect(sanitizeFileName(encodeURIComponent('  ..hidden.png.. '), 'image/png')).toBe('hidden.png');
    expect(sanitizeFileName(undefined, 'application/pdf')).toBe('attachment.pdf');
    expect(sanitizeFileName('%E9%95', 'image/webp')).toBe('attachment.webp');
  });

  it('reads raw UTF-8 header bytes too, and keeps names to 120 whole characters', () => {
    const raw = Buffer.from('截图.png', 'utf8').toString('latin1');
    expect(sanitizeFileName(raw, 'image/png')).toBe('截图.png');
    const long = sanitizeFileName(encodeURIComponent(`${'😀'.repeat(200)}.png`), 'image/png');
    expect([...long].length).toBeLessThanOrEqual(120);
    expect(long.endsWith('😀.png')).toBe(true);
  });

  it('writes a Content-Disposition every browser reads', () => {
    expect(contentDisposition('inline', 'a "b"; c.png')).toBe(
      `inline; filename="a _b__ c.png"; filename*=UTF-8''a%20%22b%22%3B%20c.png`,
    );
    expect(contentDisposition('attachment', "发票(1)'.pdf")).toBe(
      `attachment; filename="__(1)'.pdf"; filename*=UTF-8''%E5%8F%91%E7%A5%A8%281%29%27.pdf`,
    );
  });
});

describe('attachment types', () => {
  it('are decided by the content', async () => {
    expect(await sniffMime(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'))).toBe('application/pdf');
    expect(await sniffMime(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toBe('image/gif');
    expect(await sniffMime(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull();
    expect(await sniffMime(Buffer.from('<!doctype html><p>hi</p>'))).toBeNull();
    expect(await sniffMime(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toBeNull();
    expect(await sniffMime(Buffer.from('hello'))).toBeNull();
  });
});

describe('signed download links', () => {
  const urls = createAttachmentUrls(randomBytes(32).toString('base64url'));
  const id = randomUUID();
  const parts = (url: string) => {
    const parsed = new URL(url, 'http://x');
    return { exp: Number(parsed.searchParams.get('exp')), sig: parsed.searchParams.get('sig') as string };
  };

  it('work for 12 to 13 hours, and stay the same within an hour (so they cache)', () => {
    const now = Date.UTC(2026, 2, 1, 10, 20);
    const { exp, sig } = parts(urls.url(id, now));
    expect(exp).toBe(Date.UTC(2026, 2, 1, 23, 0) / 1000);
    expect(urls.url(id, now + 30 * 60 * 1000)).toBe(urls.url(id, now));
    expect(urls.verify(id, exp, sig, now)).toBe(true);
    expect(urls.verify(id, exp, sig, exp * 1000)).toBe(true);
    expect(urls.verify(id, exp, sig, exp * 1000 + 1)).toBe(false);
  });

  it('are refused for another id, another expiry, another key or a mangled signature', () => {
    const { exp, sig } = parts(urls.url(id));
    expect(urls.verify(randomUUID(), exp, sig)).toBe(false);
    expect(urls.verify(id, exp + 3600, sig)).toBe(false);
    expect(urls.verify(id, exp, `${sig.slice(0, -1)}A`)).toBe(sig.endsWith('A'));
    expect(urls.verify(id, exp, sig.slice(1))).toBe(false);
    expect(urls.verify(id, Number.NaN, sig)).toBe(false);
    expect(createAttachmentUrls(randomBytes(32).toString('base64url')).verify(id, exp, sig)).toBe(false);
  });
});
