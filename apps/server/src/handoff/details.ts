import {
  type Entity,
  type EntityOptions,
  type EntityType,
  extractEntities,
  maskSensitive,
} from '@tandem/engine';
import type { HandoffDetail } from '@tandem/protocol';
import type { Exchange } from './transcript.ts';

/** Workspace entity settings (order number patterns, time zone); the engine's defaults otherwise. */
export type DetailOptions = Pick<EntityOptions, 'orderPatterns' | 'timezone'>;

const TYPES: EntityType[] = ['order_number', 'phone', 'email', 'bank_card', 'id_number', 'money', 'datetime'];
const MAX_DETAILS = 20;
/** Details are read from the start of each message: reading 4,000 characters costs the event loop ~5 ms. */
const SCAN_CHARS = 1000;

// what the bot (or a person) asked for just before: makes a bare answer ("202611230001", "6688") readable
const ASKED_ORDER = /订单号|订单编号|单号|order\s?(?:number|no\.?|#|id)/i;
const ASKED_LAST4 = /后(?:四|4)位|尾号|last\s?(?:four|4)/i;
const BARE_TOKEN = /(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9-]{4,38}[A-Za-z0-9](?![A-Za-z0-9])/g;
const FOUR_DIGITS = /^\s*(\d{4})\s*$/;

interface Found {
  type: HandoffDetail['type'];
  key: string;
  text: string;
  masked: boolean;
  /** the words as written (never shown: used to avoid reading them twice) */
  said?: string;
}

/**
 * The details the customer gave over the whole conversation (an order number said 20 messages ago too),
 * once each, with the messages they were said in. Phone numbers, e-mails and ID numbers are masked as the
 * engine masks them for logs; a card keeps only its last four digits.
 */
export function collectDetails(items: readonly Exchange[], options: DetailOptions = {}): HandoffDetail[] {
  const details = new Map<string, HandoffDetail>();
  for (const { customer, before } of items) {
    const entities = entitiesIn(customer.text.slice(0, SCAN_CHARS), customer.createdAt, options);
    const taken = new Set(entities.map((e) => e.said));
    for (const found of [...entities, ...asked(customer.text, before?.text, taken)]) {
      const key = `${found.type}:${found.key}`;
      const known = details.get(key);
      if (known) {
        if (!known.seqs.includes(customer.seq)) known.seqs.push(customer.seq);
      } else if (details.size < MAX_DETAILS) {
        details.set(key, { type: found.type, text: found.text, masked: found.masked, seqs: [customer.seq] });
      }
    }
  }
  return [...details.values()];
}

function entitiesIn(text: string, said: Date, options: DetailOptions): Found[] {
  let entities: Entity[];
  try {
    entities = extractEntities(text, { ...options, now: said, types: TYPES });
  } catch {
    // bad workspace entity settings must not hide the details: read with the defaults
    entities = extractEntities(text, { now: said, types: TYPES });
  }
  return entities.flatMap((entity) => reading(entity).map((found) => ({ ...found, said: entity.text })));
}

/** How a detail is shown: what a person needs to act on it, and no more of the sensitive ones. */
function reading(entity: Entity): Found[] {
  switch (entity.type) {
    case 'order_number':
      return [{ type: 'order_number', key: entity.value.toUpperCase(), text: entity.value, masked: false }];
    case 'phone': {
      const { e164, national } = entity.value;
      const text = maskSensitive(national, { types: ['phone'] });
      return [{ type: 'phone', key: e164 ?? national, text, masked: true }];
    }
    case 'email':
      return [{ type: 'email', key: entity.value, text: maskSensitive(entity.value), masked: true }];
    case 'bank_card': {
      const { digits, last4 } = entity.value;
      return [{ type: 'bank_card', key: digits, text: `**** ${last4}`, masked: true }];
    }
    case 'id_number': {
      const { id } = entity.value;
      return [{ type: 'id_number', key: id, text: '*'.repeat(id.length), masked: true }];
    }
    case 'money': {
      const { amount, currency } = entity.value;
      return [{ type: 'money', key: `${amount} ${currency}`, text: entity.text.trim(), masked: false }];
    }
    case 'datetime': {
      const { iso, date, time, end } = entity.value;
      const text = `${entity.text.trim()} (${time ? `${date} ${time}` : date})`;
      return [{ type: 'datetime', key: `${iso}/${end ?? ''}`, text, masked: false }];
    }
    default:
      return [];
  }
}

/** A bare answer to "your order number?" or "the card's last four digits?" (not one read as something else). */
function asked(text: string, question: string | undefined, taken: ReadonlySet<string | undefined>): Found[] {
  if (!question) return [];
  if (ASKED_LAST4.test(question)) {
    const digits = text.match(FOUR_DIGITS)?.[1];
    return digits ? [{ type: 'bank_card_last4', key: digits, text: `**** ${digits}`, masked: false }] : [];
  }
  if (ASKED_ORDER.test(question)) {
    return (text.match(BARE_TOKEN) ?? [])
      .filter((token) => (token.match(/\d/g) ?? []).length >= 4 && !taken.has(token))
      .map((token) => ({
        type: 'order_number' as const,
        key: token.toUpperCase(),
        text: token,
        masked: false,
      }));
  }
  return [];
}
