import { defaultWidgetAppearance, widgetAppearanceSchema } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { brandStyle, mix, readAppearance } from './appearance.ts';
import { styles } from './styles.css.ts';

/** The custom properties a style string sets, by name. */
const properties = (style: string) =>
  Object.fromEntries(style.split(';').map((declaration) => declaration.split(':') as [string, string]));

const brightness = (color: string) =>
  [1, 3, 5].reduce((sum, i) => sum + Number.parseInt(color.slice(i, i + 2), 16), 0);

describe('the workspace look the widget is sent', () => {
  const saved = {
    color: '#dc2626',
    position: 'left',
    greeting: { zh: '欢迎光临，有什么可以帮您？', en: 'Welcome!' },
    languages: ['en'],
    elder: true,
  };

  it('takes a valid look as it is', () => {
    expect(readAppearance(saved)).toEqual(saved);
    expect(readAppearance(defaultWidgetAppearance)).toEqual(defaultWidgetAppearance);
  });

  it('is the defaults when missing or not an object (an older server, a damaged answer)', () => {
    for (const value of [undefined, null, 'red', 42, true, [], [saved]]) {
      expect(readAppearance(value)).toEqual(defaultWidgetAppearance);
    }
  });

  it('keeps each valid field and puts the default in place of each bad one', () => {
    expect(readAppearance({ ...saved, color: 'red' })).toEqual({ ...saved, color: '#0f766e' });
    expect(readAppearance({ ...saved, color: '#ff000' }).color).toBe('#0f766e');
    // a colour is never written into the page's CSS unless it is one
    expect(readAppearance({ ...saved, color: '#ff0000;background:url(x)' }).color).toBe('#0f766e');
    expect(readAppearance({ ...saved, position: 'constructor' }).position).toBe('right');
    expect(readAppearance({ ...saved, position: 'LEFT' }).position).toBe('right');
    expect(readAppearance({ ...saved, elder: 'true' }).elder).toBe(false);
    expect(readAppearance({ ...saved, greeting: 'hello' }).greeting).toEqual({ zh: '', en: '' });
    expect(readAppearance({ ...saved, greeting: { zh: 7, en: '<b>hi</b>' } }).greeting).toEqual({
      zh: '',
      en: '<b>hi</b>', // text, shown with textContent
    });
  });

  it('keeps only Chinese and English, each once, in the order given; none left: both', () => {
    const languages = (value: unknown) => readAppearance({ ...saved, languages: value }).languages;
    expect(languages(['en', 'zh'])).toEqual(['en', 'zh']);
    expect(languages(['zh', 'zh', 'en', 'en'])).toEqual(['zh', 'en']);
    expect(languages(['constructor', '__proto__', 'fr', 'en'])).toEqual(['en']);
    expect(languages([])).toEqual(['zh', 'en']);
    expect(languages('zh')).toEqual(['zh', 'en']);
    expect(languages([null, 1, {}])).toEqual(['zh', 'en']);
  });

  it('reads what the protocol schema accepts the same way', () => {
    const parsed = widgetAppearanceSchema.parse({ ...saved, color: '#DC2626' });
    expect(readAppearance(parsed)).toEqual(saved);
  });
});

describe('brand colour shades', () => {
  it('mixes a colour with black or white', () => {
    expect(mix('#ff0000', 0, 0)).toBe('#ff0000');
    expect(mix('#ff0000', 0, 1)).toBe('#000000');
    expect(mix('#ff0000', 255, 1)).toBe('#ffffff');
    expect(mix('#ff0000', 0, 0.2)).toBe('#cc0000');
    expect(mix('#336699', 255, 0.5)).toBe('#99b3cc');
    expect(mix('#0A0B0C', 0, 0)).toBe('#0a0b0c');
  });

  it('derives the darker and soft shades of a workspace colour', () => {
    const shades = properties(brandStyle('#dc2626'));
    expect(shades).toEqual({
      '--tdm-b': '#dc2626',
      '--tdm-bd': '#b01e1e',
      '--tdm-bdd': '#8f1919',
      '--tdm-brand-soft': '#fadede',
      '--tdm-ring': '#dc26262e',
    });
    // darker, darker still; the tint is light
    const b = brightness('#dc2626');
    expect(brightness(shades['--tdm-bd'] as string)).toBeLessThan(b);
    expect(brightness(shades['--tdm-bdd'] as string)).toBeLessThan(brightness(shades['--tdm-bd'] as string));
    expect(brightness(shades['--tdm-brand-soft'] as string)).toBeGreaterThan(3 * 0xe0);
  });

  it('leaves the default colour to the stylesheet (the widget looks exactly as before)', () => {
    expect(brandStyle(defaultWidgetAppearance.color)).toBe('');
    expect(styles).toContain(`--tdm-b: ${defaultWidgetAppearance.color};`);
  });

  it('has the stylesheet take the brand and its shades from those properties, also in elder mode', () => {
    expect(styles).toContain('--tdm-brand: var(--tdm-b); --tdm-brand-dark: var(--tdm-bd);');
    expect(styles).toMatch(
      /\[data-elder="true"\] \{[^}]*--tdm-brand: var\(--tdm-bd\); --tdm-brand-dark: var\(--tdm-bdd\);/,
    );
    expect(styles).toContain('var(--tdm-ring,');
    for (const name of Object.keys(properties(brandStyle('#123456')))) {
      expect(styles).toContain(`var(${name}`);
    }
  });
});
