import type { EntityData } from './types.ts';

/** An entity a detector found, before overlaps are resolved. Offsets into the text the detector read. */
export interface Candidate {
  start: number;
  end: number;
  /** Breaks ties between candidates of equal length: the more specific reading wins. */
  priority: number;
  data: EntityData;
}

export const PRIORITY = {
  cuedOrderNumber: 12,
  idNumber: 11,
  bankCard: 10,
  phone: 9,
  email: 9,
  money: 8,
  orderNumber: 7,
  list: 6,
  datetime: 5,
  percent: 4,
  ordinal: 3,
  number: 1,
} as const;
