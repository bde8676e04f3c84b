import { defaultWidgetAppearance as defaults, type Lang, type WidgetAppearance } from '@tandem/protocol';

const record = (value: unknown) =>
  (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
// (the server trims greetings and keeps them short; shown as text, never as HTML)
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The workspace's look as the server sent it (admins set it in the console), each field checked on its
 * own: a missing or malformed one (an older server, a damaged answer) is the widget's default.
 */
export function readAppearance(value: unknown): WidgetAppearance {
  const look = record(value);
  const greeting = record(look.greeting);
  const languages = (Array.isArray(look.languages) ? look.languages : []).filter(
    (lang, i, all): lang is Lang => (lang === 'zh' || lang === 'en') && all.indexOf(lang) === i,
  );
  const color = look.color;
  return {
    color: typeof color === 'string' && /^#[\da-f]{6}$/i.test(color) ? color : defaults.color,
    position: look.position === 'left' ? 'left' : 'right',
    greeting: { zh: text(greeting.zh), en: text(greeting.en) },
    languages: languages.length > 0 ? languages : defaults.languages,
    elder: look.elder === true,
  };
}

/** `#rrggbb` mixed with black (0) or white (255) by `share` (0–1). */
export const mix = (color: string, to: number, share: number): string =>
  `#${[1, 3, 5]
    .map((i) => {
      const channel = Number.parseInt(color.slice(i, i + 2), 16);
      return Math.round(channel + (to - channel) * share)
        .toString(16)
        .padStart(2, '0');
    })
    .join('')}`;

/**
 * The brand colour's custom properties for the widget's root (see styles.css.ts): the colour, a darker
 * shade (hover, the header's gradient; the brand colour in elder mode), a darker one still (elder mode), a
 * soft tint (backgrounds) and the focus ring. Empty for the default colour: the stylesheet's own shades.
 */
export const brandStyle = (color: string): string =>
  color === defaults.color
    ? ''
    : `--tdm-b:${color};--tdm-bd:${mix(color, 0, 0.2)};--tdm-bdd:${mix(color, 0, 0.35)};--tdm-brand-soft:${mix(color, 255, 0.85)};--tdm-ring:${color}2e`;
