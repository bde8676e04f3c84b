import {
  ALL,
  type CharSet,
  complement,
  DIGIT,
  EMPTY,
  foldAsciiCase,
  fromRanges,
  LINE_BREAK,
  SPACE,
  single,
  union,
  WORD,
} from './charSet.ts';

/**
 * A regular expression reduced to what matters for backtracking cost: which characters each part can
 * consume and how it repeats. `start`/`end` locate the part in the pattern for error messages.
 */
export type RegexNode = { start: number; end: number } & (
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; branches: RegexNode[] }
  | { kind: 'group'; body: RegexNode; lookaround: boolean }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number }
  | { kind: 'assert' }
  | { kind: 'backref' }
);

const QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;
const CLASS_ESCAPES = new Map(
  Object.entries<CharSet>({
    d: DIGIT,
    D: complement(DIGIT),
    w: WORD,
    W: complement(WORD),
    s: SPACE,
    S: complement(SPACE),
  }),
);
const CONTROL_ESCAPES = new Map(Object.entries<number>({ n: 10, r: 13, t: 9, v: 11, f: 12, '0': 0 }));

/**
 * Parses a pattern that `new RegExp(pattern, flags)` already accepted. It is lenient where the syntax is
 * ambiguous (octal escapes are read as back references) because a wider reading only makes the safety
 * check stricter.
 */
export function parseRegex(source: string, flags: string): RegexNode {
  return new Parser(source, flags).parse();
}

class Parser {
  private pos = 0;
  private readonly unicode: boolean;
  private readonly ignoreCase: boolean;
  private readonly dot: CharSet;

  constructor(
    private readonly src: string,
    flags: string,
  ) {
    this.unicode = flags.includes('u');
    this.ignoreCase = flags.includes('i');
    this.dot = flags.includes('s') ? ALL : complement(LINE_BREAK);
  }

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.src.length) throw new Error(`unexpected "${this.src[this.pos]}" at ${this.pos}`);
    return node;
  }

  private alternation(): RegexNode {
    const start = this.pos;
    const branches = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0]!;
    return { kind: 'alt', branches, start, end: this.pos };
  }

  private sequence(): RegexNode {
    const start = this.pos;
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const before = this.pos;
      items.push(this.quantified(this.atom()));
      if (this.pos <= before) throw new Error(`cannot read the pattern at ${before}`);
    }
    return { kind: 'seq', items, start, end: this.pos };
  }

  private quantified(atom: RegexNode): RegexNode {
    const c = this.src[this.pos];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      min = c === '+' ? 1 : 0;
      max = c === '?' ? 1 : Number.POSITIVE_INFINITY;
      this.pos++;
    } else {
      const m = c === '{' ? QUANTIFIER.exec(this.src.slice(this.pos)) : null;
      if (m === null) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      this.pos += m[0].length;
    }
    if (this.src[this.pos] === '?') this.pos++;
    return { kind: 'repeat', body: atom, min, max, start: atom.start, end: this.pos };
  }

  private atom(): RegexNode {
    const start = this.pos;
    const c = this.src[this.pos]!;
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'assert', start, end: this.pos };
    }
    if (c === '(') return this.group();
    if (c === '[') return this.chars(start, this.charClass());
    if (c === '.') {
      this.pos++;
      return this.chars(start, this.dot);
    }
    if (c === '\\') return this.escape();
    return this.chars(start, single(this.readCodePoint()));
  }

  private group(): RegexNode {
    const start = this.pos;
    this.pos++;
    let lookaround = false;
    const rest = this.src.slice(this.pos, this.pos + 3);
    if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
      lookaround = true;
      this.pos += 3;
    } else if (rest.startsWith('?=') || rest.startsWith('?!')) {
      lookaround = true;
      this.pos += 2;
    } else if (rest.startsWith('?:')) {
      this.pos += 2;
    } else if (rest.startsWith('?<')) {
      const end = this.src.indexOf('>', this.pos);
      if (end === -1) throw new Error(`unclosed group name at ${this.pos}`);
      this.pos = end + 1;
    }
    const body = this.alternation();
    this.pos++; // ')'
    return { kind: 'group', body, lookaround, start, end: this.pos };
  }

  private escape(): RegexNode {
    const start = this.pos;
    this.pos++;
    const c = this.src[this.pos]!;
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { kind: 'assert', start, end: this.pos };
    }
    const namedEnd = c === 'k' && this.src[this.pos + 1] === '<' ? this.src.indexOf('>', this.pos) : -1;
    if (namedEnd !== -1) {
      this.pos = namedEnd + 1;
      return { kind: 'backref', start, end: this.pos };
    }
    if (c >= '1' && c <= '9') {
      this.pos++;
      while (/\d/.test(this.src[this.pos] ?? '')) this.pos++;
      return { kind: 'backref', start, end: this.pos };
    }
    return this.chars(start, this.escapedChars());
  }

  /** After a backslash: a class escape (\d, \p{…}) or one escaped character. */
  private escapedChars(): CharSet {
    const c = this.src[this.pos]!;
    const known = CLASS_ESCAPES.get(c);
    if (known !== undefined) {
      this.pos++;
      return known;
    }
    if ((c === 'p' || c === 'P') && this.unicode) {
      // Unicode properties are not modelled: treating them as "any character" only makes the check stricter.
      const end = this.src.indexOf('}', this.pos);
      if (end === -1) throw new Error(`unclosed property escape at ${this.pos}`);
      this.pos = end + 1;
      return ALL;
    }
    const control = CONTROL_ESCAPES.get(c);
    if (control !== undefined && !(c === '0' && /\d/.test(this.src[this.pos + 1] ?? ''))) {
      this.pos++;
      return single(control);
    }
    if (c === 'c' && /[a-z]/i.test(this.src[this.pos + 1] ?? '')) {
      this.pos += 2;
      return single(this.src.charCodeAt(this.pos - 1) % 32);
    }
    const hex = this.hexEscape();
    if (hex !== null) return single(hex);
    return single(this.readCodePoint());
  }

  private hexEscape(): number | null {
    const rest = this.src.slice(this.pos);
    const m = /^x([0-9a-f]{2})|^u([0-9a-f]{4})|^u\{([0-9a-f]+)\}/i.exec(rest);
    if (m === null || (m[3] !== undefined && !this.unicode)) return null;
    this.pos += m[0].length;
    return Number.parseInt(m[1] ?? m[2] ?? m[3] ?? '0', 16);
  }

  private charClass(): CharSet {
    this.pos++; // '['
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    let set: CharSet = EMPTY;
    while (this.pos < this.src.length && this.src[this.pos] !== ']') {
      const from = this.classAtom();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && typeof from === 'number') {
        this.pos++;
        const to = this.classAtom();
        set =
          typeof to === 'number' ? union(set, fromRanges([[from, to]])) : union(union(set, single(from)), to);
        continue;
      }
      set = union(set, typeof from === 'number' ? single(from) : from);
    }
    this.pos++; // ']'
    return negated ? complement(this.fold(set)) : set;
  }

  /** One member of a class: a code point, or a set for class escapes such as \d. */
  private classAtom(): number | CharSet {
    if (this.src[this.pos] !== '\\') return this.readCodePoint();
    this.pos++;
    if (this.src[this.pos] === 'b') {
      this.pos++;
      return 8;
    }
    const set = this.escapedChars();
    const only = set[0];
    return set.length === 1 && only !== undefined && only[0] === only[1] ? only[0] : set;
  }

  private readCodePoint(): number {
    const code = this.unicode ? this.src.codePointAt(this.pos)! : this.src.charCodeAt(this.pos);
    this.pos += code > 0xffff ? 2 : 1;
    return code;
  }

  private chars(start: number, set: CharSet): RegexNode {
    return { kind: 'chars', set: this.fold(set), start, end: this.pos };
  }

  private fold(set: CharSet): CharSet {
    return this.ignoreCase ? foldAsciiCase(set) : set;
  }
}
