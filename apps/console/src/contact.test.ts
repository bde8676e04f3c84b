import { describe, expect, it } from 'vitest';
import { attributeLabel, attributeValue, contactName } from './contact.ts';
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

describe('contactName', () => {
  const contact = (attributes: Record<string, string | number | boolean>, name: string | null = null) => ({
    id: '1a2b3c4d-0000-4000-8000-000000000000',
    name,
    lang: 'zh' as const,
    attributes,
  });
  const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('zh', key, vars);

  it('names a verified customer without a name by e-mail or customer id, never as a visitor', () => {
    expect(contactName(contact({}, '张三'), t)).toBe('张三');
    expect(contactName(contact({ email: 'zhang@example.com', customerId: 'C1001' }), t)).toBe(
      'zhang@example.com',
    );
    expect(contactName(contact({ customerId: 'C1001', identityVerified: true }), t)).toBe('客户 C1001');
    expect(contactName(contact({}), t)).toBe('访客 #1a2b');
  });
});
