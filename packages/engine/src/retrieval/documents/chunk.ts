/** A part of a document under its headings, as parsing finds it (headings outermost first). */
export interface DocumentSection {
  headings: string[];
  text: string;
}

/** A piece of a document small enough to quote: its heading path and its text. */
export interface DocumentChunk {
  heading: string;
  text: string;
}

export interface ChunkOptions {
  /** the longest chunk, in characters (default 700) */
  maxChars?: number;
}

// sentence ends in Chinese and English; a sentence is kept whole whenever it fits in a chunk
const SENTENCE = /[^。！？!?；;\n]+(?:[。！？!?；;]+|\n|$)|[。！？!?；;\n]+/gu;

function sentences(paragraph: string): string[] {
  return (paragraph.match(SENTENCE) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** Splits one over-long sentence at the limit (a table row, a run of text without punctuation). */
function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += max) out.push(text.slice(i, i + max));
  return out;
}

const joiner = (a: string, b: string) =>
  a === ''
    ? b
    : /[\p{Script=Han}。！？；，]$/u.test(a) || /^\p{Script=Han}/u.test(b)
      ? `${a}${b}`
      : `${a} ${b}`;

/**
 * Sections → chunks: paragraphs are packed together up to `maxChars`, a long paragraph is cut at sentence
 * ends, and every chunk keeps the heading path of its section ("Returns › Fees"), so a passage quoted
 * alone still says what it is about and the index can match words of the heading.
 */
export function chunkSections(
  sections: readonly DocumentSection[],
  options: ChunkOptions = {},
): DocumentChunk[] {
  const max = options.maxChars ?? 700;
  const chunks: DocumentChunk[] = [];
  for (const section of sections) {
    const heading = section.headings
      .map((h) => h.trim())
      .filter(Boolean)
      .join(' › ');
    let current = '';
    const flush = () => {
      if (current.trim()) chunks.push({ heading, text: current.trim() });
      current = '';
    };
    const paragraphs = section.text
      .split(/\n\s*\n/)
      .map((p) => p.replace(/[ \t]+/g, ' ').trim())
      .filter(Boolean);
    for (const paragraph of paragraphs) {
      if (current.length + paragraph.length + 1 <= max) {
        current = current ? `${current}\n${paragraph}` : paragraph;
        continue;
      }
      flush();
      if (paragraph.length <= max) {
        current = paragraph;
        continue;
      }
      for (const sentence of sentences(paragraph).flatMap((s) =>
        s.length > max ? hardSplit(s, max) : [s],
      )) {
        if (current.length + sentence.length + 1 > max) flush();
        current = joiner(current, sentence);
      }
    }
    flush();
  }
  return chunks;
}
