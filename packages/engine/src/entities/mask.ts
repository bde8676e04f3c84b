import { extractEntities } from './extract.ts';
import type { EntityOptions } from './types.ts';

export type SensitiveType = 'id_number' | 'bank_card' | 'phone' | 'email';

export interface MaskOptions {
  /** Which kinds to mask; default all four. */
  types?: SensitiveType[];
  /** Character that replaces hidden characters; default '*'. */
  maskChar?: string;
  /** Reference date for the ID number birth-date check; default now. */
  now?: Date;
}

const SENSITIVE: SensitiveType[] = ['id_number', 'bank_card', 'phone', 'email'];

/**
 * Text safe for logs and analytics: ID numbers fully hidden; bank cards and phones keep their last four
 * digits; e-mails keep the first character and the domain (a***@example.com). Separators and length
 * stay, so "6222 0212 3456 7890" → "**** **** **** 7890". Same input, same output.
 */
export function maskSensitive(text: string, options: MaskOptions = {}): string {
  if (typeof text !== 'string' || text.length === 0) return typeof text === 'string' ? text : '';
  const mask = [...(options.maskChar ?? '*')][0] ?? '*';
  const entityOptions: EntityOptions = { types: options.types ?? SENSITIVE };
  if (options.now !== undefined) entityOptions.now = options.now;
  let out = '';
  let last = 0;
  for (const entity of extractEntities(text, entityOptions)) {
    out += text.slice(last, entity.start);
    if (entity.type === 'email') out += maskEmail(entity.text, mask);
    else if (entity.type === 'id_number') out += maskDigits(entity.text, mask, 0);
    else out += maskDigits(entity.text, mask, 4);
    last = entity.end;
  }
  return out + text.slice(last);
}

/** Hides every digit (and the X check character) but the last `keep`, leaving separators and +. */
function maskDigits(text: string, mask: string, keep: number): string {
  const chars = [...text];
  let toKeep = keep;
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] ?? '';
    if (!/[0-9０-９Xx]/.test(c)) continue;
    if (toKeep > 0) toKeep--;
    else chars[i] = mask;
  }
  return chars.join('');
}

function maskEmail(text: string, mask: string): string {
  const at = text.indexOf('@') >= 0 ? text.indexOf('@') : text.indexOf('＠');
  const first = [...text][0] ?? '';
  return `${first}${mask.repeat(3)}${text.slice(at)}`;
}
