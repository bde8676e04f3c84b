import { chunkSections } from '@tandem/engine';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../src/documents/parse.ts';
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
});
