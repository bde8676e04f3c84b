import { ALL, type CharSet, EMPTY, intersects, union } from './charSet.ts';
import { parseRegex, type RegexNode } from './syntax.ts';

/**
 * Static safety check for staff-written regular expressions, in the spirit of safe-regex but stricter.
 *
 * Rejected, because a backtracking engine can take exponential time on them:
 * - nested repeats (star height > 1): `(a+)+`, `(.*a){12}`, `^(\w+\s?)*$`; bounded nestings stay allowed
 *   while the number of ways to split the text is small: `(\d{1,3}\.){3}`;
 * - repeated alternatives that can match the same text: `(a|aa)+`, `(a|a)*`, `(\w|\d)+`;
 * - a repeated part that can match empty text: `(a?)*`, `(a?){25}`.
 * Rejected, because they take polynomial time (n³ and worse on 2,000 characters means seconds):
 * - variable-length parts in a row that can consume the same characters, with nothing between them that
 *   only one of them can match, when the ways to split the text between them exceed 10,000 per starting
 *   position: `\d+\d+`, `.*.*=`, `a.*b.*c`, `.{0,50}.{0,50}.{0,50}`. `\d+-\d+`, `\w+@\w+`,
 *   `a.{0,50}b.{0,50}c` and `验证码.{0,20}发给我` pass.
 *
 * Limits: the character sets are an approximation (Unicode properties count as "any character", case
 * folding is ASCII only), which errs towards rejecting. A single unbounded repeat is still quadratic on an
 * unanchored search: up to about 4 million steps on the 2,000-character cap (5–40 ms measured on
 * adversarial text such as 'a'×2000 against `a.*.$\w`); ordinary text costs microseconds. The evaluator adds
 * a time limit on top (see `runner.ts`), so a pattern this check misjudges cannot hang a message.
 */

/** Most ways parts may split the text from one position, e.g. `(\d{1,3}\.){3}` has 3³ = 27. */
const MAX_SPLITS = 10_000;
/** Lengths are counted up to the evaluator's input cap: an unbounded repeat can take at most this much. */
const LENGTH_CAP = 2000;

interface Info {
  nullable: boolean;
  /** Every character this part can consume. */
  chars: CharSet;
  /** Characters it can start with. */
  first: CharSet;
  /** Shortest and longest text it can consume, capped at LENGTH_CAP. */
  minLength: number;
  maxLength: number;
  /** The one string it matches, when it is a plain literal. */
  literal: string | null;
}

export class UnsafeRegexError extends Error {}

/** Throws UnsafeRegexError with a readable reason when `source` can backtrack badly. */
export function assertSafeRegex(source: string, flags: string): void {
  const root = parseRegex(source, flags);
  new Checker(source).check(root);
}

class Checker {
  private readonly infos = new Map<RegexNode, Info>();

  constructor(private readonly src: string) {}

  check(node: RegexNode): void {
    switch (node.kind) {
      case 'repeat':
        this.checkRepeat(node);
        this.check(node.body);
        return;
      case 'seq':
        this.checkSequence(node.items);
        for (const item of node.items) this.check(item);
        return;
      case 'alt':
        for (const branch of node.branches) this.check(branch);
        return;
      case 'group':
        this.check(node.body);
        return;
      default:
        return;
    }
  }

  private checkRepeat(node: Extract<RegexNode, { kind: 'repeat' }>): void {
    if (node.max <= 1) return;
    const body = this.info(node.body);
    if (body.nullable && body.chars.length > 0) {
      this.fail(node, 'repeats a part that can also match empty text, which can take exponential time');
    }
    for (const inner of descendants(node.body)) {
      if (inner.kind === 'repeat' && inner.max > 1 && inner.max !== inner.min) {
        const splits = (inner.max - inner.min + 1) ** node.max;
        if (!Number.isFinite(splits) || splits > MAX_SPLITS) {
          this.fail(
            node,
            `repeats "${this.snippet(inner)}", which is itself repeated (nested quantifiers), and can take ` +
              'exponential time; remove one of the two quantifiers',
          );
        }
      }
      if (inner.kind === 'alt') this.checkAlternatives(node, inner.branches);
    }
  }

  private checkAlternatives(repeat: RegexNode, branches: RegexNode[]): void {
    const infos = branches.map((b) => this.info(b));
    for (let i = 0; i < infos.length; i++) {
      for (let j = i + 1; j < infos.length; j++) {
        const a = infos[i]!;
        const b = infos[j]!;
        const overlap =
          a.literal !== null && b.literal !== null
            ? a.literal.startsWith(b.literal) || b.literal.startsWith(a.literal)
            : intersects(a.first, b.first);
        if (overlap) {
          this.fail(
            repeat,
            `repeats alternatives "${this.snippet(branches[i]!)}" and "${this.snippet(branches[j]!)}" that ` +
              'can match the same text, which can take exponential time; make each alternative start differently',
          );
        }
      }
    }
  }

  /** Counts the ways consecutive variable-length parts can share out the same characters. */
  private checkSequence(items: RegexNode[]): void {
    for (let i = 0; i < items.length; i++) {
      const head = this.info(items[i]!);
      let splits = span(head) + 1;
      if (splits === 1) continue;
      for (let j = i + 1; j < items.length; j++) {
        const next = this.info(items[j]!);
        const shared = intersects(head.chars, next.chars);
        if (shared) splits *= span(next) + 1;
        if (splits > MAX_SPLITS) {
          this.fail(
            items[j]!,
            `and "${this.snippet(items[i]!)}" can consume the same characters in ` +
              `"${this.src.slice(items[i]!.start, items[j]!.end)}", so a failing match tries too many ways to ` +
              'split the text (polynomial time on long messages); put a character only one of them can match ' +
              'between them, or bound them more tightly, e.g. .{0,30}',
          );
        }
        if (!shared && !next.nullable) break;
      }
    }
  }

  private info(node: RegexNode): Info {
    let found = this.infos.get(node);
    if (found === undefined) {
      found = this.compute(node);
      this.infos.set(node, found);
    }
    return found;
  }

  private compute(node: RegexNode): Info {
    switch (node.kind) {
      case 'chars': {
        const only = node.set.length === 1 && node.set[0]![0] === node.set[0]![1] ? node.set[0]![0] : null;
        const literal = only === null ? null : String.fromCodePoint(only);
        return { nullable: false, chars: node.set, first: node.set, minLength: 1, maxLength: 1, literal };
      }
      case 'assert':
        return EMPTY_MATCH;
      case 'backref':
        // One unknown piece of text: `(.)\1{4,}` (a character repeated) stays allowed.
        return { nullable: false, chars: ALL, first: ALL, minLength: 1, maxLength: 1, literal: null };
      case 'group':
        return node.lookaround ? EMPTY_MATCH : this.info(node.body);
      case 'seq':
        return this.sequenceInfo(node.items);
      case 'alt': {
        const infos = node.branches.map((b) => this.info(b));
        return {
          nullable: infos.some((i) => i.nullable),
          chars: infos.reduce<CharSet>((s, i) => union(s, i.chars), EMPTY),
          first: infos.reduce<CharSet>((s, i) => union(s, i.first), EMPTY),
          minLength: Math.min(...infos.map((i) => i.minLength)),
          maxLength: Math.max(...infos.map((i) => i.maxLength)),
          literal: null,
        };
      }
      case 'repeat': {
        const body = this.info(node.body);
        return {
          nullable: node.min === 0 || body.nullable,
          chars: body.chars,
          first: body.first,
          minLength: capped(body.minLength * node.min),
          maxLength: body.maxLength === 0 ? 0 : capped(body.maxLength * node.max),
          literal:
            node.min === node.max && body.literal !== null && body.literal.length * node.min <= LENGTH_CAP
              ? body.literal.repeat(node.min)
              : null,
        };
      }
    }
  }

  private sequenceInfo(items: RegexNode[]): Info {
    const infos = items.map((i) => this.info(i));
    let first: CharSet = EMPTY;
    for (const info of infos) {
      first = union(first, info.first);
      if (!info.nullable) break;
    }
    const literals = infos.map((i) => i.literal);
    return {
      nullable: infos.every((i) => i.nullable),
      chars: infos.reduce<CharSet>((s, i) => union(s, i.chars), EMPTY),
      first,
      minLength: capped(infos.reduce((sum, i) => sum + i.minLength, 0)),
      maxLength: capped(infos.reduce((sum, i) => sum + i.maxLength, 0)),
      literal: literals.every((l) => l !== null) ? capLiteral(literals.join('')) : null,
    };
  }

  private snippet(node: RegexNode): string {
    return this.src.slice(node.start, node.end);
  }

  private fail(node: RegexNode, reason: string): never {
    throw new UnsafeRegexError(`"${this.snippet(node)}" ${reason}`);
  }
}

const EMPTY_MATCH: Info = {
  nullable: true,
  chars: EMPTY,
  first: EMPTY,
  minLength: 0,
  maxLength: 0,
  literal: '',
};

/** Literals longer than the input cap are never compared: none could be matched anyway. */
function capLiteral(literal: string): string | null {
  return literal.length > LENGTH_CAP ? null : literal;
}

function capped(length: number): number {
  return Number.isNaN(length) ? 0 : Math.min(LENGTH_CAP, length);
}

function span(info: Info): number {
  return info.maxLength - info.minLength;
}

function* descendants(node: RegexNode): Generator<RegexNode> {
  yield node;
  if (node.kind === 'seq') for (const item of node.items) yield* descendants(item);
  else if (node.kind === 'alt') for (const branch of node.branches) yield* descendants(branch);
  else if (node.kind === 'group' || node.kind === 'repeat') yield* descendants(node.body);
}
