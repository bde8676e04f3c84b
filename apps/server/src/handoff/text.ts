import { maskSensitive } from '@tandem/engine';

/** At most `max` characters (code points, so an emoji is never cut in half), with … when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One line: whitespace runs become one space. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Room past the cut for a number or address that starts before it, so it is masked whole. */
const MASK_MARGIN = 64;

/**
 * A customer's words as a summary may quote them: on one line, phone/card/ID/e-mail masked, shortened.
 * Only what can be shown is read (a long message costs the masking time in proportion).
 */
export function quote(text: string, max: number): string {
  const chars = Array.from(text);
  const window = chars.length > max + MASK_MARGIN ? chars.slice(0, max + MASK_MARGIN).join('') : text;
  const masked = clip(maskSensitive(oneLine(window)), max);
  return window === text ? masked : clip(`${masked}…`, max);
}

/** The first non-empty line of a bot reply, shortened. */
export function firstLine(text: string, max: number): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return clip(oneLine(line), max);
}
