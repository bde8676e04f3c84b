import { describe, expect, it } from 'vitest';
import { chooseLang, parseAttributes, parseName, parsePosition, readEmbedTag, toLang } from './config.ts';

describe('language choice', () => {
  it('reads language tags', () => {
    expect(toLang('zh')).toBe('zh');
    expect(toLang('zh-CN')).toBe('zh');
    expect(toLang('zh-Hant-TW')).toBe('zh');
    expect(toLang('EN-gb')).toBe('en');
    expect(toLang('fr')).toBeNull();
    expect(toLang('')).toBeNull();
    expect(toLang(null)).toBeNull();
    expect(toLang('zhx')).toBeNull();
  });

  it('follows the browser: zh for any zh-*, else en', () => {
    expect(chooseLang(null, null, ['zh-CN', 'en'])).toBe('zh');
    expect(chooseLang(null, null, ['zh-TW'])).toBe('zh');
    expect(chooseLang(null, null, ['en-US', 'zh-CN'])).toBe('en');
    expect(chooseLang(null, null, ['fr-FR', 'zh-CN'])).toBe('en');
    expect(chooseLang(null, null, [])).toBe('en');
  });

  it('lets data-lang override the browser', () => {
    expect(chooseLang(null, 'zh', ['en-US'])).toBe('zh');
    expect(chooseLang(null, 'en', ['zh-CN'])).toBe('en');
    expect(chooseLang(null, 'klingon', ['zh-CN'])).toBe('zh');
  });

  it("keeps the customer's own earlier choice above all", () => {
    expect(chooseLang('en', 'zh', ['zh-CN'])).toBe('en');
    expect(chooseLang('zh', null, ['en-US'])).toBe('zh');
    expect(chooseLang('garbage', 'en', ['zh-CN'])).toBe('en');
  });
});

describe('data-attributes', () => {
  it('parses a JSON object of scalars', () => {
    const parsed = parseAttributes(
      '{"customerId":"C1001","vipLevel":"gold","ageGroup":"30-39","orders":3,"vip":true}',
    );
    expect(parsed.attributes).toEqual({
      customerId: 'C1001',
      vipLevel: 'gold',
      ageGroup: '30-39',
      orders: 3,
      vip: true,
    });
    expect(parsed.warnings).toEqual([]);
  });

  it('is absent when not given', () => {
    expect(parseAttributes(null)).toEqual({ attributes: null, warnings: [] });
    expect(parseAttributes('  ')).toEqual({ attributes: null, warnings: [] });
  });

  it('ignores invalid JSON with a warning', () => {
    const parsed = parseAttributes("{customerId: 'C1001'}");
    expect(parsed.attributes).toBeNull();
    expect(parsed.warnings[0]).toMatch(/invalid JSON/);
  });

  it('ignores JSON that is not an object', () => {
    expect(parseAttributes('[1,2]').attributes).toBeNull();
    expect(parseAttributes('"text"').attributes).toBeNull();
    expect(parseAttributes('null').attributes).toBeNull();
    expect(parseAttributes('[1,2]').warnings).toHaveLength(1);
  });

  it('drops entries the server would refuse, keeping the rest', () => {
    const parsed = parseAttributes(
      JSON.stringify({ ok: 'yes', 'bad-name': 1, '1st': 1, nested: { a: 1 }, list: [1], nothing: null }),
    );
    expect(parsed.attributes).toEqual({ ok: 'yes' });
    expect(parsed.warnings).toHaveLength(5);
  });

  it('keeps at most 30 attributes and cuts long strings to 500 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 35 }, (_, i) => [`k${i}`, i]));
    const parsed = parseAttributes(JSON.stringify({ ...many, long: 'x'.repeat(900) }));
    expect(Object.keys(parsed.attributes ?? {})).toHaveLength(30);
    expect(parseAttributes(JSON.stringify({ long: 'x'.repeat(900) })).attributes?.long).toHaveLength(500);
  });

  it('is null when nothing valid is left', () => {
    expect(parseAttributes('{"bad-key":1}').attributes).toBeNull();
    expect(parseAttributes('{}').attributes).toBeNull();
  });
});

describe('embed tag', () => {
  const tag = {
    src: 'http://shop.example:3999/widget.js',
    workspace: 'demo',
    lang: null,
    name: null,
    attributes: null,
    position: null,
  };

  it('takes the server origin from the script src', () => {
    const result = readEmbedTag(tag, 'https://www.shop.example/products');
    expect(result.ok && result.config.origin).toBe('http://shop.example:3999');
  });

  it('resolves a relative src against the page', () => {
    const result = readEmbedTag({ ...tag, src: '/widget.js' }, 'http://127.0.0.1:3999/demo/');
    expect(result.ok && result.config.origin).toBe('http://127.0.0.1:3999');
  });

  it('requires a valid workspace', () => {
    expect(readEmbedTag({ ...tag, workspace: null }, 'http://a.example/').ok).toBe(false);
    expect(readEmbedTag({ ...tag, workspace: 'Demo Shop' }, 'http://a.example/').ok).toBe(false);
  });

  it('reads the optional attributes', () => {
    const result = readEmbedTag(
      { ...tag, lang: 'en', name: '  Li Lei ', attributes: '{"vipLevel":"gold"}', position: 'LEFT' },
      'http://a.example/',
    );
    expect(result).toEqual({
      ok: true,
      warnings: [],
      config: {
        origin: 'http://shop.example:3999',
        workspace: 'demo',
        pageLang: 'en',
        name: 'Li Lei',
        attributes: { vipLevel: 'gold' },
        position: 'left',
      },
    });
  });

  it('warns about an unknown data-lang and bad attributes, and still starts', () => {
    const result = readEmbedTag({ ...tag, lang: 'fr', attributes: '{oops' }, 'http://a.example/');
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.pageLang).toBeNull();
      expect(result.config.attributes).toBeNull();
      expect(result.warnings).toHaveLength(2);
    }
  });

  it('defaults position to right and trims names', () => {
    expect(parsePosition(null)).toBe('right');
    expect(parsePosition('middle')).toBe('right');
    expect(parseName('   ')).toBeNull();
    expect(parseName('x'.repeat(100))).toHaveLength(80);
  });
});
