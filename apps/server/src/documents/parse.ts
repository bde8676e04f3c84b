import { extname } from 'node:path';
import { DomainError } from '@tandem/domain';
import type { DocumentSection } from '@tandem/engine';
import type { DocumentFormat } from '@tandem/protocol';
import { inspectZip, ZipProblem } from '../services/zipGuard.ts';
import { parseHtml } from './html.ts';
import { parseMarkdown } from './markdown.ts';

/** A document read into text: its format, a title when it has one, sections under their headings. */
export interface ParsedDocument {
  format: DocumentFormat;
  title: string | null;
  sections: DocumentSection[];
}

/** The most text kept from one document (characters). */
export const MAX_DOCUMENT_CHARS = 2_000_000;

const startsWith = (bytes: Buffer, magic: string) =>
  bytes.subarray(0, magic.length).toString('latin1') === magic;

/** Which format the bytes are in: their content first (PDF, DOCX), then the name and the content type. */
export function detectFormat(bytes: Buffer, name: string, contentType = ''): DocumentFormat {
  const ext = extname(name).toLowerCase();
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) {
    if (ext === '.docx' || type.includes('wordprocessingml')) return 'docx';
    throw new DomainError('unsupported_media', 'a ZIP file that is not a Word document (.docx)');
  }
  if (bytes.includes(0))
    throw new DomainError('unsupported_media', 'a binary file of a kind that cannot be read');
  if (ext === '.md' || ext === '.markdown' || type === 'text/markdown') return 'markdown';
  if (ext === '.html' || ext === '.htm' || type === 'text/html' || type === 'application/xhtml+xml')
    return 'html';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
  if (ext === '' || ext === '.txt' || ext === '.text' || type.startsWith('text/')) return 'text';
  throw new DomainError(
    'unsupported_media',
    'documents may be Markdown, HTML, plain text, PDF or Word (.docx)',
  );
}

function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new DomainError('file_unreadable', 'the text is not UTF-8');
  }
}

function plainText(text: string): DocumentSection[] {
  const body = text.replace(/\r\n?/g, '\n').trim();
  return body ? [{ headings: [], text: body }] : [];
}

/**
 * PDF.js (inside unpdf) gives Node a `navigator` global when it loads, where Node 20 has none; other code in
 * the process (the widget's tests share a test process with the server's) reads `navigator` as a browser's.
 * So the global is what it was before once a PDF has been read.
 */
async function withOwnNavigator<T>(work: () => Promise<T>): Promise<T> {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  try {
    return await work();
  } finally {
    if (before) Object.defineProperty(globalThis, 'navigator', before);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
}

async function pdfSections(bytes: Buffer): Promise<DocumentSection[]> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  try {
    pages = await withOwnNavigator(async () => {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      try {
        return (await extractText(pdf, { mergePages: false })).text;
      } finally {
        await pdf.loadingTask.destroy();
      }
    });
  } catch {
    throw new DomainError('file_unreadable', 'the PDF cannot be read (damaged or encrypted)');
  }
  return pages
    .map((page, i) => ({ headings: [`p. ${i + 1}`], text: page.trim() }))
    .filter((s) => s.text !== '');
}

/** The most a .docx may unpack to, all parts together (images included), and its most parts. */
export const DOCX_MAX_UNPACKED = 64 * 1024 * 1024;
const DOCX_MAX_PARTS = 2000;

async function docxHtml(bytes: Buffer): Promise<string> {
  // the library unpacks every part in memory: a zip bomb is refused before, after at most the limit of work
  try {
    inspectZip(bytes, { maxEntries: DOCX_MAX_PARTS, maxTotalBytes: DOCX_MAX_UNPACKED });
  } catch (error) {
    if (!(error instanceof ZipProblem)) throw error;
    throw error.kind === 'too_large'
      ? new DomainError(
          'payload_too_large',
          `the Word document unpacks to more than ${DOCX_MAX_UNPACKED / 1024 / 1024} MB or has too many parts`,
        )
      : new DomainError('file_unreadable', 'the Word document cannot be read (not a sound .docx archive)');
  }
  const mammoth = (await import('mammoth')).default;
  try {
    return (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch {
    throw new DomainError('file_unreadable', 'the Word document cannot be read');
  }
}

/** Reads a document's text and headings; throws unsupported_media / file_unreadable with a reason. */
export async function parseDocument(
  bytes: Buffer,
  name: string,
  contentType?: string,
): Promise<ParsedDocument> {
  const format = detectFormat(bytes, name, contentType);
  let parsed: { title: string | null; sections: DocumentSection[] };
  switch (format) {
    case 'pdf':
      parsed = { title: null, sections: await pdfSections(bytes) };
      break;
    case 'docx':
      parsed = parseHtml(await docxHtml(bytes));
      break;
    case 'html':
      parsed = parseHtml(utf8(bytes));
      break;
    case 'markdown':
      parsed = parseMarkdown(utf8(bytes));
      break;
    case 'text':
      parsed = { title: null, sections: plainText(utf8(bytes)) };
      break;
  }
  let total = 0;
  const sections = parsed.sections.filter((s) => {
    total += s.text.length;
    return total <= MAX_DOCUMENT_CHARS;
  });
  if (sections.length === 0) throw new DomainError('file_unreadable', 'the document has no text');
  return { format, title: parsed.title, sections };
}
