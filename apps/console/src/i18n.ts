import type { Lang } from '@tandem/protocol';
import { en } from './locales/en.ts';
import { zh } from './locales/zh.ts';

/**
 * Every string the console shows lives in one dictionary per language (`locales/`). Placeholders are
 * `{name}`. The Chinese dictionary defines the keys; the English one must have exactly the same.
 */

export type MessageKey = keyof typeof zh;
export type Dictionary = Record<MessageKey, string>;

export const dictionaries: Record<Lang, Dictionary> = { zh, en };
export const langs: readonly Lang[] = ['zh', 'en'];
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Looks a key up and fills `{placeholders}`; an unknown placeholder is left visible so it gets noticed. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[lang][key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** zh for any Chinese browser locale (zh, zh-CN, zh-TW, zh-Hant…), English otherwise. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function isLang(value: unknown): value is Lang {
  return value === 'zh' || value === 'en';
}

/** BCP 47 tag for `Intl` and `<html lang>`. */
export function localeOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
