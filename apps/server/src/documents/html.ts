import type { DocumentSection } from '@tandem/engine';
import { Parser } from 'htmlparser2';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'footer', 'button', 'form']);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'main',
  'pre',
  'blockquote',
  'br',
  'dd',
  'dt',
  'dl',
  'figcaption',
  'hr',
  'header',
  'aside',
  'td',
  'th',
]);
const HEADING = /^h([1-6])$/;

/**
 * HTML → title and sections under their headings (h1–h6): text of paragraphs, list items and table cells,
 * without scripts, styles, navigation and footers. Entities are decoded; nothing is executed.
 */
export function parseHtml(html: string): { title: string | null; sections: DocumentSection[] } {
  const sections: DocumentSection[] = [];
  const headings: string[] = [];
  let text = '';
  let skipping = 0;
  let heading: { level: number; text: string } | null = null;
  let inTitle = false;
  let title: string | null = null;
  const flush = () => {
    const body = text
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (body) sections.push({ headings: [...headings], text: body });
    text = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        if (skipping > 0) return;
        if (name === 'title') inTitle = true;
        const level = HEADING.exec(name)?.[1];
        if (level) {
          flush();
          heading = { level: Number(level), text: '' };
        } else if (BLOCK.has(name)) text += name === 'td' || name === 'th' ? ' ' : '\n\n';
      },
      ontext(data) {
        if (inTitle) {
          title = `${title ?? ''}${data}`;
          return;
        }
        if (skipping > 0) return;
        if (heading) heading.text += data;
        else text += data.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (SKIP.has(name)) {
          skipping = Math.max(0, skipping - 1);
          return;
        }
        if (skipping > 0) return;
        if (heading && HEADING.test(name)) {
          const h: { level: number; text: string } = heading;
          headings.length = Math.min(headings.length, h.level - 1);
          while (headings.length < h.level - 1) headings.push('');
          headings.push(h.text.replace(/\s+/g, ' ').trim());
          heading = null;
        } else if (BLOCK.has(name)) text += '\n\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const cleanTitle = (title as string | null)?.replace(/\s+/g, ' ').trim() || null;
  return {
    title: cleanTitle,
    sections: sections.map((s) => ({ headings: s.headings.filter(Boolean), text: s.text })),
  };
}
