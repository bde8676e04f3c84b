export { cardBrand } from './bankCard.ts';
export { EntityOptionsError } from './errors.ts';
export { extractEntities } from './extract.ts';
export { isValidChineseId } from './idNumber.ts';
export { isLuhnValid } from './luhn.ts';
export { type MaskOptions, maskSensitive, type SensitiveType } from './mask.ts';
export { parseEnNumber } from './numbers/en.ts';
export { parseZhNumber } from './numbers/zh.ts';
export { DEFAULT_TIMEZONE, ENTITY_TYPES, validateEntityOptions } from './options.ts';
export { DEFAULT_ORDER_PATTERNS } from './orderNumber.ts';
export type {
  BankCardValue,
  CardBrand,
  DateGrain,
  DateTimeValue,
  Entity,
  EntityData,
  EntityList,
  EntityListValue,
  EntityOptions,
  EntityType,
  IdNumberValue,
  ListEntityValue,
  MoneyValue,
  PhoneKind,
  PhoneValue,
} from './types.ts';
