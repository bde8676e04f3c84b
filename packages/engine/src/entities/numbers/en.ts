// Maps, not object literals: a word such as "constructor" must not find Object.prototype's members.
const UNITS = new Map(
  Object.entries<number>({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
  }),
);
const TENS = new Map(
  Object.entries<number>({
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const SCALES = new Map(Object.entries<number>({ hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 }));

const ORDINAL_WORDS = new Map(
  Object.entries<string>({
    first: 'one',
    second: 'two',
    third: 'three',
    fifth: 'five',
    eighth: 'eight',
    ninth: 'nine',
    twelfth: 'twelve',
  }),
);

/** Every cardinal word, longest first so a regex alternation prefers seventeen over seven. */
export const EN_NUMBER_WORDS = [...UNITS.keys(), ...TENS.keys(), ...SCALES.keys()].sort(
  (a, b) => b.length - a.length,
);

type Kind = 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

function kindOf(word: string): Kind | null {
  const unit = UNITS.get(word);
  if (unit !== undefined) return unit >= 10 ? 'teen' : 'unit';
  if (TENS.has(word)) return 'tens';
  if (word === 'hundred') return 'hundred';
  if (SCALES.has(word)) return 'scale';
  return null;
}

/**
 * Value of English number words: "twenty-one" → 21, "a hundred and five" → 105,
 * "two thousand three hundred" → 2300. Null when the words do not form one number ("one two").
 */
export function parseEnNumber(text: string): number | null {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w.length > 0 && w !== 'and');
  if (words.length === 0) return null;
  if (words[0] === 'a' || words[0] === 'an') {
    // "a hundred", "a million"; a bare "a" is an article, not a number.
    const next = words[1];
    if (next === undefined || !SCALES.has(next)) return null;
    words[0] = 'one';
  }
  let total = 0;
  let current = 0;
  let previous: Kind | null = null;
  let lastScale = Number.POSITIVE_INFINITY;
  for (const word of words) {
    const kind = kindOf(word);
    if (kind === null || !canFollow(previous, kind)) return null;
    if (word === 'zero' && words.length > 1) return null;
    if (kind === 'unit' || kind === 'teen') current += UNITS.get(word) ?? 0;
    else if (kind === 'tens') current += TENS.get(word) ?? 0;
    else if (kind === 'hundred') current = (current || 1) * 100;
    else {
      const scale = SCALES.get(word) ?? 1;
      if (scale >= lastScale) return null;
      total += (current || 1) * scale;
      current = 0;
      lastScale = scale;
    }
    previous = kind;
  }
  return total + current;
}

function canFollow(previous: Kind | null, next: Kind): boolean {
  switch (previous) {
    case null:
      return true;
    case 'unit':
    case 'teen':
      return next === 'hundred' || next === 'scale';
    case 'tens':
      return next === 'unit' || next === 'scale';
    case 'hundred':
    case 'scale':
      return next !== 'hundred';
  }
}

/** "twenty-first" → 21, "third" → 3, "hundredth" → 100; null for anything else. */
export function parseEnOrdinal(text: string): number | null {
  const lower = text.toLowerCase();
  const match = /^(.*?)([a-z]+)$/.exec(lower);
  if (match === null) return null;
  const head = match[1] ?? '';
  const last = match[2] ?? '';
  const cardinal = ORDINAL_WORDS.get(last) ?? toCardinal(last);
  if (cardinal === null) return null;
  return parseEnNumber(`${head}${cardinal}`);
}

function toCardinal(word: string): string | null {
  if (word.endsWith('ieth')) return `${word.slice(0, -4)}y`;
  if (word.endsWith('th')) return word.slice(0, -2);
  return null;
}
