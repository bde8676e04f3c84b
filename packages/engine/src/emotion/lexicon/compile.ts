import type { Cue } from './cue.ts';
import { EMOJI_CUES } from './emoji.ts';
import { EN_CUES } from './en.ts';
import { ZH_CUES } from './zh.ts';

/** A cue ready to search for: a literal (with a cheap pre-check) or a global regular expression. */
export interface CompiledCue {
  cue: Cue;
  /** A substring that must occur for the cue to match; checked before the regex. */
  needle: string;
  regex: RegExp | null;
}

const LATIN = /[a-z]/i;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** English phrases match whole words; an apostrophe may be left out ("dont" = "don't"). */
function phraseRegex(phrase: string): RegExp {
  const body = escapeRegex(phrase.toLowerCase()).replace(/\s+/g, '\\s+').replace(/'/g, "'?");
  return new RegExp(`(?<![a-z0-9'])${body}(?![a-z0-9])`, 'g');
}

function needleOf(phrase: string): string {
  const word = phrase.toLowerCase().split(/[\s']/)[0] ?? '';
  return word.length > 0 ? word : phrase.toLowerCase();
}

function compile(cue: Cue): CompiledCue {
  const { pattern } = cue;
  if (pattern instanceof RegExp) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    return { cue, needle: '', regex: new RegExp(pattern.source, flags.includes('i') ? flags : `${flags}i`) };
  }
  if (LATIN.test(pattern) && !pattern.startsWith('[')) {
    return { cue, needle: needleOf(pattern), regex: phraseRegex(pattern) };
  }
  return { cue, needle: pattern.toLowerCase(), regex: null };
}

let compiled: readonly CompiledCue[] | null = null;

/** All cues of every language: Chinese cues never match English text and vice versa, so mixed text works. */
export function compiledCues(): readonly CompiledCue[] {
  compiled ??= [...ZH_CUES, ...EN_CUES, ...EMOJI_CUES].map(compile);
  return compiled;
}
