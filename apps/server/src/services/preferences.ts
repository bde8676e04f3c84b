import type { Contact } from '@tandem/domain';
import type { AppContext } from '../context.ts';

/** A customer who asked for a person once is greeted by a person next time (the human-first preference). */
export async function rememberPrefersHuman(ctx: AppContext, contact: Contact): Promise<void> {
  if (contact.attributes.prefersHuman === true) return;
  await ctx.store.contacts.touch(contact.id, { attributes: { ...contact.attributes, prefersHuman: true } });
}
