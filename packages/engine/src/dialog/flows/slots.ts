import { type Entity, type EntityOptions, type EntityType, extractEntities } from '../../entities/index.ts';
import { matchOption } from './options.ts';
import type { Slot } from './slotSchema.ts';
import type { FlowContext } from './types.ts';

export type SlotValue = string | number;
export type SlotReading = { kind: 'value'; value: SlotValue } | { kind: 'invalid' } | { kind: 'none' };

/** Entities too generic to take from an utterance that was not an answer to the question. */
const NEEDS_QUESTION = new Set(['text', 'number', 'otp', 'bank_card_last4']);
const MAX_TEXT = 500;

/**
 * The slot's value in the customer's message. `strict` reads only unmistakable entities, for the
 * utterance that started the flow ("查订单 202611230001" fills the order number; "hi" fills nothing).
 */
export function readSlot(slot: Slot, text: string, ctx: FlowContext, strict = false): SlotReading {
  if (strict && NEEDS_QUESTION.has(slot.entity)) return { kind: 'none' };
  const options = slot.validate?.options;
  const listName = slot.entity.startsWith('list:') ? slot.entity.slice(5) : null;
  const hasList = listName !== null && (ctx.lists ?? []).some((list) => list.name === listName);
  if (options !== undefined && (slot.entity === 'text' || (listName !== null && !hasList))) {
    const value = matchOption(options, text);
    return value === null ? { kind: strict ? 'none' : 'invalid' } : { kind: 'value', value };
  }
  const candidates = candidatesFor(slot, text, ctx, strict, listName);
  if (candidates.length === 0) return { kind: 'none' };
  const valid = candidates.find((value) => isValid(slot, value));
  return valid === undefined ? { kind: 'invalid' } : { kind: 'value', value: valid };
}

function candidatesFor(
  slot: Slot,
  text: string,
  ctx: FlowContext,
  strict: boolean,
  listName: string | null,
): SlotValue[] {
  const folded = text.normalize('NFKC');
  const found = (types: EntityType[]) => entities(text, ctx, types);
  switch (slot.entity) {
    case 'order_number': {
      const hits = found(['order_number']).flatMap((e) => (e.type === 'order_number' ? [e.value] : []));
      return strict ? hits : [...hits, ...bareTokens(folded)];
    }
    case 'phone':
      return found(['phone']).flatMap((e) => (e.type === 'phone' ? [e.value.national] : []));
    case 'email':
      return found(['email']).flatMap((e) => (e.type === 'email' ? [e.value] : []));
    case 'date':
      return found(['datetime']).flatMap((e) => (e.type === 'datetime' ? [e.value.date] : []));
    case 'datetime':
      return found(['datetime']).flatMap((e) => (e.type === 'datetime' ? [e.value.iso] : []));
    case 'number':
      return found(['number']).flatMap((e) => (e.type === 'number' ? [e.value] : []));
    case 'money':
      return found(strict ? ['money'] : ['money', 'number']).flatMap((e) =>
        e.type === 'money' ? [e.value.amount] : e.type === 'number' ? [e.value] : [],
      );
    case 'bank_card_last4': {
      const cards = found(['bank_card']).flatMap((e) => (e.type === 'bank_card' ? [e.value.last4] : []));
      return [...cards, ...digitRuns(folded, 4, 4)];
    }
    case 'otp':
      return digitRuns(folded, 4, 6);
    case 'text': {
      const trimmed = text.trim();
      return trimmed.length === 0 ? [] : [trimmed.slice(0, MAX_TEXT)];
    }
    default:
      return found(['list']).flatMap((e) =>
        e.type === 'list' && e.value.list === listName ? [e.value.value] : [],
      );
  }
}

function entities(text: string, ctx: FlowContext, types: EntityType[]): Entity[] {
  const options: EntityOptions = {
    now: ctx.now,
    types,
    timezone: ctx.timezone,
    orderPatterns: ctx.orderPatterns,
  };
  if (types.includes('list')) options.lists = ctx.lists;
  try {
    return extractEntities(text, options);
  } catch {
    // Bad workspace entity settings must not break a conversation: read with the defaults instead.
    return extractEntities(text, { now: ctx.now, types });
  }
}

/** Asked for an order number, a lone token with 4+ digits is one even without 订单号 before it. */
function bareTokens(text: string): string[] {
  const tokens = text.match(/(?<![A-Za-z0-9])[A-Za-z0-9][A-Za-z0-9-]{4,38}[A-Za-z0-9](?![A-Za-z0-9])/g) ?? [];
  return tokens.filter((token) => (token.match(/\d/g) ?? []).length >= 4);
}

function digitRuns(text: string, min: number, max: number): string[] {
  return (text.match(/(?<!\d)\d+(?!\d)/g) ?? []).filter((run) => run.length >= min && run.length <= max);
}

const patternCache = new Map<string, RegExp>();

function isValid(slot: Slot, value: SlotValue): boolean {
  const rules = slot.validate;
  if (rules === undefined) return true;
  if (rules.pattern !== undefined && !wholeMatch(rules.pattern).test(String(value))) return false;
  const size = typeof value === 'number' ? value : slot.entity === 'text' ? value.length : null;
  if (size !== null && rules.min !== undefined && size < rules.min) return false;
  if (size !== null && rules.max !== undefined && size > rules.max) return false;
  if (rules.options !== undefined && matchOption(rules.options, String(value)) === null) return false;
  return true;
}

function wholeMatch(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`, 'i');
    if (patternCache.size > 500) patternCache.clear();
    patternCache.set(pattern, regex);
  }
  return regex;
}
