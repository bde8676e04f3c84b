import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';

let jieba: Jieba | null = null;

/**
 * The shared general-purpose segmenter (loaded once, ~150 ms); workspace words are handled by UserDictionary.
 * Only the dictionary is read (the package's `dict` module also reads a 6 MB IDF table we never use).
 */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')));
  return jieba;
}

/** Segments a run of Han characters into words. */
export function segmentHan(text: string): string[] {
  if (text.length <= 1) return text ? [text] : [];
  return segmenter().cut(text, true);
}

/** Loads the segmenter ahead of the first message, so the first customer does not wait for it. */
export function warmUpSegmenter(): void {
  segmenter();
}
