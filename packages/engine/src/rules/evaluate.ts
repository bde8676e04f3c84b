import type { CompiledRule, CompiledRules } from './compile.ts';
import type { MessageView } from './conditions.ts';
import { type ExampleScores, meaningWords } from './meaning.ts';
import { type RegexResults, runRegexes, runRegexesAsync } from './regex/runner.ts';
import { keywordFormOfSimplified, regexForm } from './text.ts';
import type { RuleInput, RuleOutcome } from './types.ts';

/** A message's regular-expression results, computed before `evaluateRules` (see `prepareRules`). */
export interface PreparedRules {
  /** the message text they are for */
  text: string;
  regex: RegexResults;
}

/**
 * Tests the rules' regular expressions against a message in the regex thread (`regex/runner.ts`), so the
 * caller's thread goes on meanwhile (the bot matches the FAQ while they run); `evaluateRules` then takes
 * the results instead of running them itself.
 */
export async function prepareRules(compiled: CompiledRules, text: string): Promise<PreparedRules> {
  const form = regexForm(typeof text === 'string' ? text : '');
  return { text, regex: await runRegexesAsync(compiled.patterns, form) };
}

/**
 * Runs the rules on one message, highest priority first, until a rule that stops matches. The first
 * answer and the first handover win; tags add up; a block clears answer and handover and ends evaluation.
 * Only the first 2,000 characters of the message are read. `prepared`: the message's regular-expression
 * results from `prepareRules` (used when they are for this text); without them they run here when a rule
 * needs them.
 */
export function evaluateRules(
  compiled: CompiledRules,
  input: RuleInput,
  prepared?: PreparedRules,
): RuleOutcome {
  const view = new LazyView(compiled, input);
  if (prepared !== undefined && prepared.text === input.text) view.useRegexResults(prepared.regex);
  const lang = input.lang === 'en' ? 'en' : 'zh';
  const outcome: RuleOutcome = {
    matched: [],
    answer: null,
    handover: null,
    tags: [],
    block: null,
    regexTimeouts: [],
  };
  for (const rule of compiled.rules) {
    if (!matches(rule, view)) continue;
    outcome.matched.push({ id: rule.id, name: rule.name });
    for (const action of rule.actions) {
      if ('answer' in action) outcome.answer ??= action.answer[lang];
      else if ('handover' in action) outcome.handover ??= { ...action.handover };
      else if ('tag' in action) {
        if (!outcome.tags.includes(action.tag)) outcome.tags.push(action.tag);
      } else outcome.block ??= action.block[lang];
    }
    if (outcome.block !== null) {
      outcome.answer = null;
      outcome.handover = null;
      break;
    }
    if (rule.stop) break;
  }
  outcome.regexTimeouts = view.timedOutRules();
  return outcome;
}

function matches(rule: CompiledRule, view: MessageView): boolean {
  if (!rule.all.every((test) => test(view))) return false;
  return rule.any.length === 0 || rule.any.some((test) => test(view));
}

class LazyView implements MessageView {
  private simplified: string | null = null;
  private keywords: string | null = null;
  private regex: RegexResults | null = null;
  private prepared: RegexResults | null = null;
  private examples: ExampleScores | null = null;

  constructor(
    private readonly compiled: CompiledRules,
    readonly input: RuleInput,
  ) {}

  keywordText(): string {
    this.keywords ??= keywordFormOfSimplified(this.simplifiedText());
    return this.keywords;
  }

  /** Results prepared before: read like ones found here, and their timeouts reported only if read. */
  useRegexResults(results: RegexResults): void {
    this.prepared = results;
  }

  regexMatched(index: number): boolean {
    this.regex ??= this.prepared ?? runRegexes(this.compiled.patterns, this.simplifiedText());
    return this.regex.results[index] === true;
  }

  examplesMatched(index: number): boolean {
    this.examples ??= this.compiled.examples.score(meaningWords(this.simplifiedText()));
    return this.examples[index]?.matched === true;
  }

  private simplifiedText(): string {
    this.simplified ??= regexForm(typeof this.input.text === 'string' ? this.input.text : '');
    return this.simplified;
  }

  timedOutRules(): string[] {
    const ids = (this.regex?.timedOut ?? []).map((i) => this.compiled.patternRules[i] ?? '');
    return [...new Set(ids)];
  }
}
