/**
 * Personal data is masked before any text leaves for the provider: e-mail addresses, bank card numbers
 * (13–19 digits passing the Luhn check), mainland ID numbers (18 characters), phone numbers (mainland
 * mobiles, landlines, international). Each value becomes a placeholder such as [PHONE_1]; `unmask` puts the
 * values back into what the model wrote, so the customer sees them and the provider never did.
 */
export interface Masking {
  text: string;
  /** placeholder → original value */
  values: Map<string, string>;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const ID_NUMBER =
  /(?<![\dA-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g;
const CARD = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
const PHONE =
  /(?<![\dA-Za-z])(?:(?:\+|00)\d{1,3}[ -]?)?(?:1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{2,3}[ -]?\d{7,8}|\(\d{2,4}\)[ -]?\d{3,4}[ -]?\d{4}|\d{3}[ -]\d{3}[ -]\d{4})(?!\d)/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function createMasker() {
  const values = new Map<string, string>();
  const byValue = new Map<string, string>();
  const counters = { EMAIL: 0, ID: 0, CARD: 0, PHONE: 0 };
  const placeholder = (kind: keyof typeof counters, value: string) => {
    const known = byValue.get(value);
    if (known) return known;
    counters[kind] += 1;
    const name = `[${kind}_${counters[kind]}]`;
    values.set(name, value);
    byValue.set(value, name);
    return name;
  };
  return {
    /** Masks one text; placeholders are shared across the texts of one call. */
    mask(text: string): string {
      return text
        .replace(EMAIL, (m) => placeholder('EMAIL', m))
        .replace(ID_NUMBER, (m) => placeholder('ID', m))
        .replace(CARD, (m) => (luhn(m.replace(/\D/g, '')) ? placeholder('CARD', m) : m))
        .replace(PHONE, (m) => placeholder('PHONE', m));
    },
    unmask(text: string): string {
      return text.replace(/\[(?:EMAIL|ID|CARD|PHONE)_\d+\]/g, (m) => values.get(m) ?? m);
    },
    get values(): Map<string, string> {
      return values;
    },
  };
}
export type Masker = ReturnType<typeof createMasker>;

/** Masks a single text (for logs and tests). */
export function maskPersonalData(text: string): Masking {
  const masker = createMasker();
  return { text: masker.mask(text), values: masker.values };
}
