import { describe, expect, it } from 'vitest';
import {
  chooseLang,
  elderMode,
  isSenior,
  parseAttributes,
  parseFlag,
  parseIdentity,
  parseName,
  parsePosition,
  readEmbedTag,
  toLang,
  withHumanFirst,
} from './config.ts';

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

  it('follows the browser: its first preferred language the widget offers, else English when offered', () => {
    expect(chooseLang(null, null, ['zh-CN', 'en'])).toBe('zh');
    expect(chooseLang(null, null, ['zh-TW'])).toBe('zh');
    expect(chooseLang(null, null, ['en-US', 'zh-CN'])).toBe('en');
    expect(chooseLang(null, null, ['fr-FR', 'en-GB'])).toBe('en');
    // neither Chinese nor English first: the next that is; none: English (the international default)
    expect(chooseLang(null, null, ['fr-FR', 'zh-CN'])).toBe('zh');
    expect(chooseLang(null, null, ['fr-FR'])).toBe('en');
    expect(chooseLang(null, null, [])).toBe('en');
    expect(chooseLang(null, null, ['fr-FR'], ['en', 'zh'])).toBe('en');
    expect(chooseLang(null, null, ['fr-FR'], ['zh'])).toBe('zh');
    expect(chooseLang(null, null, ['', 'de'], ['en'])).toBe('en');
  });

  it('offers only the languages the workspace offers', () => {
    // a browser in a language not offered gets the workspace's (first) language
    expect(chooseLang(null, null, ['en-US'], ['zh'])).toBe('zh');
    expect(chooseLang(null, null, ['zh-CN', 'en'], ['en'])).toBe('en');
    expect(chooseLang(null, null, ['en-US', 'zh-CN'], ['zh'])).toBe('zh');
    // a remembered choice counts only while it is offered
    expect(chooseLang('en', null, ['en-US'], ['zh'])).toBe('zh');
    expect(chooseLang('zh', null, ['en-US'], ['en', 'zh'])).toBe('zh');
    // the page's data-lang wins over the workspace's languages
    expect(chooseLang(null, 'en', ['zh-CN'], ['zh'])).toBe('en');
    expect(chooseLang('zh', 'en', ['zh-CN'], ['en'])).toBe('en');
    // an empty list (never sent by the server) falls back to Chinese rather than failing
    expect(chooseLang(null, null, ['fr'], [])).toBe('zh');
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
    humanFirst: null,
    elder: null,
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
        elder: null,
        identity: null,
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

  it('leaves the position to the workspace unless the page says right or left, and trims names', () => {
    expect(parsePosition(null)).toBeNull();
    expect(parsePosition('middle')).toBeNull();
    expect(parsePosition(' Right ')).toBe('right');
    expect(parsePosition('left')).toBe('left');
    expect(parseName('   ')).toBeNull();
    expect(parseName('x'.repeat(100))).toHaveLength(80);
  });
});

describe('human first', () => {
  it('reads yes/no data attributes', () => {
    expect(parseFlag('true')).toBe(true);
    expect(parseFlag(' TRUE ')).toBe(true);
    expect(parseFlag('1')).toBe(true);
    expect(parseFlag('')).toBe(true); // <script data-human-first …>
    expect(parseFlag('false')).toBe(false);
    expect(parseFlag('0')).toBe(false);
    expect(parseFlag(null)).toBeNull();
    expect(parseFlag('maybe')).toBeNull();
  });

  it('merges data-human-first into the attributes, winning over data-attributes', () => {
    expect(withHumanFirst(null, null)).toBeNull();
    expect(withHumanFirst({ vipLevel: 'gold' }, null)).toEqual({ vipLevel: 'gold' });
    expect(withHumanFirst(null, true)).toEqual({ humanFirst: true });
    expect(withHumanFirst({ vipLevel: 'gold' }, true)).toEqual({ vipLevel: 'gold', humanFirst: true });
    expect(withHumanFirst({ humanFirst: true, a: 1 }, false)).toEqual({ humanFirst: false, a: 1 });
  });

  it('keeps the merged attributes within the server limit of 30', () => {
    const full = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const merged = withHumanFirst(full, true) ?? {};
    expect(Object.keys(merged)).toHaveLength(30);
    expect(merged.humanFirst).toBe(true);
    expect(merged.k0).toBe(0);
    expect(withHumanFirst({ ...full, humanFirst: false }, true)).toHaveProperty('humanFirst', true);
  });

  it('sends humanFirst with the session attributes from the embed tag', () => {
    const result = readEmbedTag(
      {
        src: '/widget.js',
        workspace: 'demo',
        lang: null,
        name: null,
        attributes: '{"customerId":"C1001"}',
        position: null,
        humanFirst: 'true',
        elder: null,
      },
      'http://127.0.0.1:3961/demo/',
    );
    expect(result.ok && result.config.attributes).toEqual({ customerId: 'C1001', humanFirst: true });
  });
});

describe('elder-friendly mode', () => {
  const tag = {
    src: '/widget.js',
    workspace: 'demo',
    lang: null,
    name: null,
    attributes: null,
    position: null,
    humanFirst: null,
    elder: null,
  };

  it('recognises customers aged 60 or over from ageGroup or age', () => {
    for (const ageGroup of ['60+', '60-69', '70+', '65', '80岁以上', ' 60 - 64 ']) {
      expect(isSenior({ ageGroup }), ageGroup).toBe(true);
    }
    for (const ageGroup of ['30-39', '50-59', '55-64', 'under 60', '<60', '60岁以下', 'senior', '']) {
      expect(isSenior({ ageGroup }), ageGroup).toBe(false);
    }
    expect(isSenior({ age: 60 })).toBe(true);
    expect(isSenior({ age: 72 })).toBe(true);
    expect(isSenior({ age: '61' })).toBe(true);
    expect(isSenior({ age: 59 })).toBe(false);
    expect(isSenior({ age: 600 })).toBe(false);
    expect(isSenior({ age: true })).toBe(false);
    expect(isSenior({ vipLevel: 'gold' })).toBe(false);
    expect(isSenior(null)).toBe(false);
  });

  it("puts the customer's remembered choice first, then data-elder, then the attributes", () => {
    const senior = { ageGroup: '60+' };
    expect(elderMode(null, null, null)).toBe(false);
    expect(elderMode(null, null, senior)).toBe(true);
    expect(elderMode(null, true, null)).toBe(true);
    expect(elderMode(null, false, senior)).toBe(false);
    expect(elderMode('1', null, null)).toBe(true);
    expect(elderMode('0', true, senior)).toBe(false);
    expect(elderMode('1', false, null)).toBe(true);
    expect(elderMode('garbage', null, senior)).toBe(true);
  });

  it("turns the elder-friendly mode on when the workspace says so, below the customer's and the page's say", () => {
    expect(elderMode(null, null, null, true)).toBe(true);
    expect(elderMode(null, null, { ageGroup: '60+' }, false)).toBe(true);
    expect(elderMode(null, false, null, true)).toBe(false);
    expect(elderMode('0', null, null, true)).toBe(false);
    expect(elderMode('1', null, null, false)).toBe(true);
  });

  it('reads data-elder from the embed tag', () => {
    const on = readEmbedTag({ ...tag, elder: 'true' }, 'http://a.example/');
    expect(on.ok && on.config.elder).toBe(true);
    const off = readEmbedTag({ ...tag, elder: 'false' }, 'http://a.example/');
    expect(off.ok && off.config.elder).toBe(false);
    const unclear = readEmbedTag({ ...tag, elder: 'big', humanFirst: 'sure' }, 'http://a.example/');
    expect(unclear.ok && unclear.config.elder).toBeNull();
    expect(unclear.ok && unclear.warnings).toHaveLength(2);
  });
});

describe('signed customer identity', () => {
  const signature = `${'a'.repeat(40)}0123456789ABCDEFabcdef00`;
  const tag = { src: '/widget.js', workspace: 'demo' };
  const read = (extra: Record<string, string>) => readEmbedTag({ ...tag, ...extra }, 'http://shop.test/');

  it('reads data-customer-id and data-customer-signature into the session identity', () => {
    const result = read({ customerId: 'C1001', customerSignature: signature });
    expect(result.ok && result.config.identity).toEqual({ customerId: 'C1001', signature });
    expect(result.ok && result.warnings).toEqual([]);
    for (const customerId of ['a', 'user@shop.example', 'org:42.x_y-z', 'x'.repeat(64)]) {
      expect(parseIdentity(customerId, signature, []), customerId).toEqual({ customerId, signature });
    }
  });

  it('is anonymous without either attribute, and says nothing', () => {
    const result = read({});
    expect(result.ok && result.config.identity).toBeNull();
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('warns and stays anonymous on a missing half or a bad value', () => {
    for (const [customerId, customerSignature] of [
      ['C1001', ''],
      ['', signature],
      ['C 1001', signature],
      ['C1001<script>', signature],
      ['x'.repeat(65), signature],
      ['C1001', signature.slice(1)],
      ['C1001', `${signature}0`],
      ['C1001', 'g'.repeat(64)],
    ] as const) {
      const warnings: string[] = [];
      expect(parseIdentity(customerId, customerSignature, warnings), customerId).toBeNull();
      expect(warnings, `${customerId} ${customerSignature}`).toEqual([
        'bad data-customer-id/signature, ignored',
      ]);
    }
    const result = read({ customerId: 'C1001' });
    expect(result.ok && result.config.identity).toBeNull();
    expect(result.ok && result.warnings).toEqual(['bad data-customer-id/signature, ignored']);
  });
});
