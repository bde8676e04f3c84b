export type EntityType =
  | 'number'
  | 'ordinal'
  | 'percent'
  | 'money'
  | 'datetime'
  | 'phone'
  | 'email'
  | 'order_number'
  | 'id_number'
  | 'bank_card'
  | 'list';

/** ISO 4217 code, e.g. CNY, USD, EUR. */
export interface MoneyValue {
  amount: number;
  currency: string;
}

export type DateGrain = 'day' | 'hour' | 'minute';

export interface DateTimeValue {
  /** Start, as local ISO 8601 with the zone's offset: 2026-03-05T15:00:00+08:00. */
  iso: string;
  grain: DateGrain;
  /** Local calendar date of the start, YYYY-MM-DD. */
  date: string;
  /** Local time of the start, HH:mm, when grain is hour or minute. */
  time?: string;
  /**
   * Exclusive end of a range, same format as iso. Present for periods (今晚, 下周, this weekend,
   * March 2026) and for explicit ranges (3点到5点, Monday to Friday).
   */
  end?: string;
  /** The text allows another reading (5/3, 3点 without 上午/下午, next Friday early in the week). */
  ambiguous?: boolean;
}

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international';

export interface PhoneValue {
  kind: PhoneKind;
  /** +8613800138000; null for numbers that cannot be dialled from abroad (400/800 hotlines). */
  e164: string | null;
  /** Digits as dialled at home: 13800138000, 01012345678, 4008001234; all digits for international. */
  national: string;
  extension?: string;
}

export interface IdNumberValue {
  /** 18 characters, check character upper case. */
  id: string;
  /** Administrative division code, first 6 digits. */
  region: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

export type CardBrand = 'unionpay' | 'visa' | 'mastercard' | 'amex' | 'jcb' | 'discover' | 'diners';

export interface BankCardValue {
  digits: string;
  last4: string;
  brand: CardBrand | null;
}

export interface ListEntityValue {
  /** Name of the list in EntityOptions.lists. */
  list: string;
  /** Canonical value the synonym stands for. */
  value: string;
}

/** What an entity is, without where it was found. `type` discriminates `value`. */
export type EntityData =
  | { type: 'number'; value: number }
  | { type: 'ordinal'; value: number }
  /** 15 for 15 %, 百分之十五, fifteen percent. */
  | { type: 'percent'; value: number }
  | { type: 'money'; value: MoneyValue }
  | { type: 'datetime'; value: DateTimeValue }
  | { type: 'phone'; value: PhoneValue }
  /** Lower case. */
  | { type: 'email'; value: string }
  /** As written, after full-width → half-width folding. */
  | { type: 'order_number'; value: string }
  | { type: 'id_number'; value: IdNumberValue }
  | { type: 'bank_card'; value: BankCardValue }
  | { type: 'list'; value: ListEntityValue };

/** `start`/`end` are UTF-16 offsets into the original string; `text === input.slice(start, end)`. */
export type Entity = EntityData & { text: string; start: number; end: number };

export interface EntityListValue {
  value: string;
  synonyms?: string[];
}

/** A workspace-defined closed set (products, cities, plans…) matched case- and width-insensitively. */
export interface EntityList {
  name: string;
  values: EntityListValue[];
}

export interface EntityOptions {
  /** Reference instant for relative dates; default: the current time. */
  now?: Date;
  /** IANA zone dates are read in; default Asia/Shanghai. */
  timezone?: string;
  /**
   * Detect only these types; default all. Overlaps are settled among these only, so with just
   * ['number'] a phone number comes back as a number.
   */
  types?: EntityType[];
  /**
   * Regex sources (no delimiters) for this workspace's order numbers, matched case-insensitively
   * as whole tokens. Default: letters then digits (TD20240301001, SO-123456). When set, only
   * these patterns count; the default also accepts a digits token after 订单号 / order number.
   */
  orderPatterns?: string[];
  /** Compiled once per array object: pass a new array after changing a list rather than mutating it. */
  lists?: EntityList[];
  /** Read 5/3 as 5 March instead of May 3. Default false. Either way such dates are ambiguous. */
  dayFirst?: boolean;
}
