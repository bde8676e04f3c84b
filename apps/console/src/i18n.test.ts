import { errorCodes } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { dictionaries, langFromLocale, type MessageKey, translate } from './i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const zhKeys = Object.keys(dictionaries.zh).sort();
  const enKeys = Object.keys(dictionaries.en).sort();

  it('have the same keys in both languages', () => {
    expect(enKeys).toEqual(zhKeys);
  });

  it('have no empty strings and the same placeholders in both languages', () => {
    for (const key of zhKeys as MessageKey[]) {
      expect(dictionaries.zh[key].trim(), key).not.toBe('');
      expect(dictionaries.en[key].trim(), key).not.toBe('');
      expect(placeholders(dictionaries.en[key]), key).toEqual(placeholders(dictionaries.zh[key]));
    }
  });

  it('translate every server error code', () => {
    for (const code of errorCodes) expect(zhKeys).toContain(`error.${code}`);
  });

  it('leave Chinese text out of the English dictionary except the language names', () => {
    for (const key of enKeys as MessageKey[]) {
      if (key === 'lang.zh') continue;
      expect(dictionaries.en[key], key).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('zh', 'wait.minutes', { n: 2 })).toBe('等待 2 分钟');
    expect(translate('en', 'notice.agent_joined', { name: 'Li Na' })).toBe('Li Na joined the conversation');
  });

  it('leaves unknown placeholders visible', () => {
    expect(translate('en', 'contact.visitor')).toBe('Visitor #{id}');
  });
});

describe('langFromLocale', () => {
  it('maps Chinese locales to zh and the rest to en', () => {
    expect(langFromLocale('zh-CN')).toBe('zh');
    expect(langFromLocale('zh-Hant-TW')).toBe('zh');
    expect(langFromLocale('en-US')).toBe('en');
    expect(langFromLocale('fr')).toBe('en');
    expect(langFromLocale(undefined)).toBe('en');
  });
});
