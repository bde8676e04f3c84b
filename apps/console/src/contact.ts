import type { AgentConversation } from '@tandem/protocol';
import type { MessageKey, Translate } from './i18n.ts';

type Contact = AgentConversation['contact'];

/**
 * The contact's name; else what identifies a known customer (their e-mail, their customer id); else
 * "访客 #1a2b" from its id so anonymous visitors stay distinguishable.
 */
export function contactName(contact: Contact, t: Translate): string {
  const name = contact.name?.trim();
  if (name) return name;
  const email = contact.attributes.email;
  if (typeof email === 'string' && email.trim()) return email.trim();
  const customerId = contact.attributes.customerId;
  if ((typeof customerId === 'string' && customerId.trim()) || typeof customerId === 'number')
    return t('contact.customer', { id: String(customerId).trim() });
  return t('contact.visitor', { id: contact.id.replace(/-/g, '').slice(0, 4) });
}

export function initialOf(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}

const avatarTones = 6;

/** A stable colour slot (0-5) per id, so the same customer keeps the same avatar colour. */
export function toneOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % avatarTones;
}

const knownAttributes = [
  'customerId',
  'vipLevel',
  'ageGroup',
  'phone',
  'email',
  'orderId',
  'plan',
  'city',
  'prefersHuman',
  'humanFirst',
  'identityVerified',
] as const;
type KnownAttribute = (typeof knownAttributes)[number];

function isKnownAttribute(name: string): name is KnownAttribute {
  return (knownAttributes as readonly string[]).includes(name);
}

/** A label for an attribute the embedding page passed; unknown names are shown as given. */
export function attributeLabel(name: string, t: Translate): string {
  if (!isKnownAttribute(name)) return name;
  const key: MessageKey = `attr.${name}`;
  return t(key);
}

export function attributeValue(value: string | number | boolean, t: Translate): string {
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  return String(value);
}
