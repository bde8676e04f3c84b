import type { SlotOption } from './slotSchema.ts';
import type { Lang } from './types.ts';

/** Button labels for the choices, in the reply's language. */
export function optionButtons(options: SlotOption[], lang: Lang): Array<{ label: string; payload: string }> {
  return options.map((option) => {
    const label = typeof option === 'string' ? option : option.label[lang];
    return { label, payload: label };
  });
}

/** The choice the message names: exactly (value, label or synonym), else the longest one it contains. */
export function matchOption(options: SlotOption[], text: string): string | null {
  const said = fold(text);
  if (said.length === 0) return null;
  const words = options.flatMap((option) => {
    if (typeof option === 'string') return [{ value: option, word: fold(option) }];
    return [option.value, option.label.zh, option.label.en, ...(option.synonyms ?? [])].map((word) => ({
      value: option.value,
      word: fold(word),
    }));
  });
  const exact = words.find((entry) => entry.word === said);
  if (exact) return exact.value;
  const contained = words
    .filter((entry) => entry.word.length > 0 && said.includes(entry.word))
    .sort((a, b) => b.word.length - a.word.length);
  const values = new Set(contained.map((entry) => entry.value));
  // "短信还是邮件" names two choices: that is not an answer.
  return values.size === 1 ? (contained[0]?.value ?? null) : null;
}

function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}
