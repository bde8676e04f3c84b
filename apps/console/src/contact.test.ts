import { describe, expect, it } from 'vitest';
import { attributeLabel, attributeValue } from './contact.ts';
import { type MessageKey, translate } from './i18n.ts';

const zh = (key: MessageKey) => translate('zh', key);
const en = (key: MessageKey) => translate('en', key);

describe('customer attributes in the console', () => {
  it('names the attributes Tandem sets in the reader language, never as raw codes', () => {
    expect(attributeLabel('identityVerified', zh)).toBe('身份已验证');
    expect(attributeLabel('identityVerified', en)).toBe('Identity verified');
    expect(attributeLabel('prefersHuman', zh)).toBe('偏好人工服务');
    expect(attributeValue(true, zh)).not.toBe('true');
  });

  it('shows an attribute the page invented as given', () => {
    expect(attributeLabel('favouriteColour', en)).toBe('favouriteColour');
    expect(attributeLabel('constructor', en)).toBe('constructor');
  });
});
