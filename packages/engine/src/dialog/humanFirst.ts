import type { BotSettings } from './settings.ts';

type Attributes = Record<string, string | number | boolean>;

const truthy = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';

/**
 * Whether a customer goes straight to a person: the workspace says so, their attributes match the
 * workspace's human-first list (e.g. age group 60+), the page asked for it, or they chose a person before.
 */
export function wantsHumanFirst(settings: BotSettings, attributes: Attributes): boolean {
  const policy = settings.humanFirst;
  if (policy.enabled) return true;
  for (const [name, values] of Object.entries(policy.attributes)) {
    // own properties only: a listed attribute such as "constructor" that the page did not send is absent
    const value = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
    if (value !== undefined && values.some((v) => String(v) === String(value))) return true;
  }
  return policy.honourPreference && (truthy(attributes.humanFirst) || truthy(attributes.prefersHuman));
}
