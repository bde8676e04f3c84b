import type { DocumentSection } from '@tandem/engine';

/**
 * Markdown inline syntax → its text: links and images keep their words, emphasis and code marks go. Every
 * pattern looks at most a bounded stretch ahead of where it starts (a link's words and address, a tag, an
 * emphasised span), so a long line of openers that never close ("_a _a _a …") costs linear time, not
 * quadratic; a longer span simply keeps its marks.
 */
export function inlineText(line: string): string {
  return line
    .replace(/!\[([^\]]{0,500})\]\([^)]{0,500}\)/g, '$1')
    .replace(/\[([^\]]{1,500})\]\([^)]{0,500}\)/g, '$1')
    .replace(/<[^>]{1,500}>/g, '')
    .replace(/(\*\*|__|\*|_|~~|`)(\S(?:[^\n]{0,300}?\S)?)\1/g, '$2')
    .replace(/^\s*>\s?/, '')
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .replace(/\s*\|\s*/g, ' | ');
}

/** Markdown → title (the first level-1 heading) and sections under their headings (ATX `#` and setext). */
export function parseMarkdown(source: string): { title: string | null; sections: DocumentSection[] } {
  const sections: DocumentSection[] = [];
  const headings: string[] = [];
  let title: string | null = null;
  let lines: string[] = [];
  let fenced = false;
  const flush = () => {
    const text = lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
    if (text) sections.push({ headings: headings.filter(Boolean), text });
    lines = [];
  };
  const setHeading = (level: number, text: string) => {
    flush();
    headings.length = Math.min(headings.length, level - 1);
    while (headings.length < level - 1) headings.push('');
    headings.push(inlineText(text).trim());
    if (level === 1 && title === null) title = inlineText(text).trim();
  };
  const all = source.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i] as string;
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      lines.push(line);
      continue;
    }
    const atx = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      setHeading((atx[1] as string).length, atx[2] as string);
      continue;
    }
    const next = all[i + 1];
    if (line.trim() && next !== undefined && /^(=+|-+)\s*$/.test(next) && !/^\s*[-*+]\s/.test(line)) {
      setHeading(next.trim().startsWith('=') ? 1 : 2, line);
      i++;
      continue;
    }
    if (/^\s*\|?\s*:?-{3,}/.test(line) || /^\s*([-*_])\s*\1\s*\1[\s\-*_]*$/.test(line)) continue;
    lines.push(inlineText(line));
  }
  flush();
  return { title, sections };
}
