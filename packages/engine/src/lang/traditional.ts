import * as OpenCC from 'opencc-js/t2cn';
import { hasHan } from './detect.ts';

let convert: ((text: string) => string) | null = null;

/** Folds Traditional Chinese to Simplified so 帳號 and 账号 match; text without Han characters is returned as is. */
export function toSimplified(text: string): string {
  if (!hasHan(text)) return text;
  convert ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return foldVariants(convert(text));
}

// Variant pairs that are both Simplified but mean the same in customer service (帐号/账号).
const VARIANTS = new Map([['帐', '账']]);
const VARIANT_RE = new RegExp(`[${[...VARIANTS.keys()].join('')}]`, 'g');

function foldVariants(text: string): string {
  return text.replace(VARIANT_RE, (c) => VARIANTS.get(c) ?? c);
}
