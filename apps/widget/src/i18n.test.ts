import { describe, expect, it } from 'vitest';
import { dictionaries, placeholders, t } from './i18n.ts';

describe('i18n', () => {
  const zhKeys = Object.keys(dictionaries.zh).sort();
  const enKeys = Object.keys(dictionaries.en).sort();

  it('has every key in both languages', () => {
    expect(enKeys).toEqual(zhKeys);
  });

  it('has no empty strings', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, value] of Object.entries(dictionaries[lang])) {
        expect(value.trim(), `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of zhKeys) {
      const zh = dictionaries.zh[key as keyof typeof dictionaries.zh];
      const en = dictionaries.en[key as keyof typeof dictionaries.en];
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('speaks Chinese in the Chinese dictionary', () => {
    const untranslated = Object.entries(dictionaries.zh).filter(
      ([key, value]) => !/[\u4e00-\u9fff]/.test(value) && !['langEn', 'saidBy', 'charCount'].includes(key),
    );
    // only the language names and pure punctuation may be written without Chinese characters
    expect(untranslated.map(([key]) => key)).toEqual([]);
  });

  it('carries the statuses the brief asks for', () => {
    expect(t('zh', 'statusBot')).toBe('智能助手在线');
    expect(t('zh', 'statusQueued')).toBe('正在为您转接人工客服，请稍候…');
    expect(t('en', 'statusQueued')).toBe('Connecting you to a person, please wait…');
    expect(t('zh', 'statusAssigned', { name: '小王' })).toBe('客服 小王 正在为您服务');
    expect(t('en', 'statusAssigned', { name: 'Amy' })).toBe('Amy is helping you');
    expect(t('zh', 'statusResolved')).toBe('本次服务已结束，您可以继续提问');
    expect(t('en', 'statusResolved')).toBe('This chat has been resolved; you can still ask more');
    expect(t('zh', 'handoff')).toBe('转人工');
    expect(t('en', 'handoff')).toBe('Talk to a person');
    expect(t('zh', 'botName')).toBe('智能助手');
    expect(t('en', 'botName')).toBe('Assistant');
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(t('en', 'charCount', { count: 12, max: 4000 })).toBe('12/4000 characters');
    expect(t('en', 'statusAssigned')).toBe('{name} is helping you');
    expect(t('en', 'statusAssigned', { other: 'x' })).toBe('{name} is helping you');
  });

  it('inserts values literally (no markup interpretation, no $ patterns)', () => {
    expect(t('en', 'statusAssigned', { name: '<img src=x onerror=alert(1)>' })).toBe(
      '<img src=x onerror=alert(1)> is helping you',
    );
    expect(t('en', 'statusAssigned', { name: "$& $1 $'" })).toBe("$& $1 $' is helping you");
  });
});
