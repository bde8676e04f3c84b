import { crc32, deflateRawSync } from 'node:zlib';
import { chunkSections } from '@tandem/engine';
import { describe, expect, it } from 'vitest';
import { DOCX_MAX_UNPACKED, parseDocument } from '../src/documents/parse.ts';
import {
  docxDoc,
  docxParagraphs,
  htmlDoc,
  markdownDoc,
  pdfDoc,
  pdfLines,
  textDoc,
} from './documentsFixtures.ts';

describe('document parsing: real files of each kind to text with headings', () => {
  it('Markdown: sections under their heading paths', async () => {
    const parsed = await parseDocument(Buffer.from(markdownDoc), 'shipping.md');
    expect(parsed.format).toBe('markdown');
    expect(parsed.title).toBe('配送政策');
    const chunks = chunkSections(parsed.sections);
    expect(chunks.map((c) => c.heading)).toEqual([
      '配送政策 › 配送范围',
      '配送政策 › 配送时效',
      '配送政策 › Shipping abroad',
    ]);
    expect(chunks[1]?.text).toContain('加收 15 元');
  });

  it('HTML: headings kept; scripts, styles, navigation and footers left out', async () => {
    const parsed = await parseDocument(Buffer.from(htmlDoc), 'page', 'text/html; charset=utf-8');
    expect(parsed.format).toBe('html');
    expect(parsed.title).toBe('Warranty terms');
    const chunks = chunkSections(parsed.sections);
    expect(chunks.map((c) => c.heading)).toEqual(['Warranty › Screen repairs', 'Warranty › Battery']);
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).toContain('free of charge within the first 12 months');
    for (const hidden of ['steal', 'color:red', 'Home | Shop', '© Shop']) expect(all).not.toContain(hidden);
  });

  it('plain text, PDF and Word', async () => {
    const text = await parseDocument(Buffer.from(textDoc), 'points.txt');
    expect(text.format).toBe('text');
    expect(chunkSections(text.sections)[0]?.text).toContain('100 个积分可以抵扣 1 元');

    const navigatorBefore = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const pdf = await parseDocument(pdfDoc(pdfLines), 'gift.pdf');
    // PDF.js's Node shim leaves no trace in the process's globals
    expect(Object.getOwnPropertyDescriptor(globalThis, 'navigator')).toEqual(navigatorBefore);
    expect(pdf.format).toBe('pdf');
    const pdfChunks = chunkSections(pdf.sections);
    expect(pdfChunks[0]?.heading).toBe('p. 1');
    expect(pdfChunks[0]?.text).toContain('Gift cards never expire');

    const docx = await parseDocument(docxDoc(docxParagraphs), 'invoices.docx');
    expect(docx.format).toBe('docx');
    const docxChunks = chunkSections(docx.sections);
    expect(docxChunks.map((c) => c.heading)).toEqual(['发票开具', 'Invoices']);
    expect(docxChunks[0]?.text).toContain('3 个工作日内发送到您的邮箱');
  });

  it('long text is cut at sentence ends, every chunk keeping its heading', () => {
    const sentence = '退货需要在签收后七天内申请，商品需保持完好。';
    const chunks = chunkSections([{ headings: ['退货', '条件'], text: sentence.repeat(60) }], {
      maxChars: 200,
    });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(c.heading).toBe('退货 › 条件');
      expect(c.text.length).toBeLessThanOrEqual(200);
      expect(c.text.endsWith('。')).toBe(true);
    }
  });

  it('refuses what it cannot read, with stable codes', async () => {
    await expect(
      parseDocument(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'x.png'),
    ).rejects.toMatchObject({
      code: 'unsupported_media',
    });
    await expect(parseDocument(Buffer.from('%PDF-1.4 broken'), 'x.pdf')).rejects.toMatchObject({
      code: 'file_unreadable',
    });
    await expect(parseDocument(Buffer.from([0xff, 0xfe, 0x41]), 'x.txt')).rejects.toMatchObject({
      code: 'file_unreadable',
    });
    await expect(parseDocument(Buffer.from('   \n  '), 'x.txt')).rejects.toMatchObject({
      code: 'file_unreadable',
    });
  });

  it('Markdown: long lines of inline openers that never close are read whole (linear, not quadratic)', async () => {
    for (const unit of ['_a ', '*a ', '[a](', '![a](', '<a ', '`a ']) {
      const line = unit.repeat(Math.ceil(200_000 / unit.length));
      const parsed = await parseDocument(Buffer.from(`# Long\n\n${line}\n\nThe **end** _here_.`), 'long.md');
      const text = parsed.sections.map((s) => s.text).join('\n');
      expect(text.length, unit).toBeGreaterThan(190_000);
      expect(text, unit).toContain('The end here.');
    }
    // ordinary inline syntax is still taken off
    const plain = await parseDocument(
      Buffer.from(
        'See **bold**, _it_, ~~old~~, `code`, [the guide](https://x.example/a) and ![a map](m.png) <br>.',
      ),
      'inline.md',
    );
    expect(plain.sections[0]?.text).toBe('See bold, it, old, code, the guide and a map .');
  });

  it('.docx zip bomb: refused before the Word reader unpacks it', async () => {
    // a real document plus one deflated part of zeros that unpacks past the limit (a few kilobytes packed)
    const zeros = Buffer.alloc(DOCX_MAX_UNPACKED + 1024);
    const bomb = withDeflatedPart(docxDoc(docxParagraphs), 'word/media/image1.bin', zeros);
    expect(bomb.length).toBeLessThan(zeros.length / 100);
    await expect(parseDocument(bomb, 'bomb.docx')).rejects.toMatchObject({ code: 'payload_too_large' });
    // a sound one still reads
    const fine = withDeflatedPart(docxDoc(docxParagraphs), 'word/media/image1.bin', Buffer.alloc(1024));
    expect((await parseDocument(fine, 'fine.docx')).sections.length).toBeGreaterThan(0);
  });
});

/** Appends a deflated part to a (stored) ZIP archive, rewriting its directory. */
function withDeflatedPart(archive: Buffer, name: string, content: Buffer): Buffer {
  const eocd = archive.length - 22;
  const count = archive.readUInt16LE(eocd + 10);
  const dirSize = archive.readUInt32LE(eocd + 12);
  const dirAt = archive.readUInt32LE(eocd + 16);
  const packed = deflateRawSync(content, { level: 9 });
  const nameBytes = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(dirAt, 42);
  const directory = Buffer.concat([archive.subarray(dirAt, dirAt + dirSize), central, nameBytes]);
  const newDirAt = dirAt + 30 + nameBytes.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(newDirAt, 16);
  return Buffer.concat([archive.subarray(0, dirAt), local, nameBytes, packed, directory, end]);
}
