import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;

/** The shared general-purpose segmenter (loaded once, ~150 ms); workspace words are handled by UserDictionary. */
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
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
