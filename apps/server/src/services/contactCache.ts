import type { Contact } from '@tandem/domain';

/** Contacts kept in memory by visitor-token hash; a burst of arriving customers connects without a database read. */
const LIMIT = 50_000;

/**
 * A bounded cache (least recently set goes first) of the contacts this process created or resumed. It is a
 * cache only: a miss reads the database, and the REST session refreshes it whenever the contact changes.
 */
export function createContactCache(limit = LIMIT) {
  const byToken = new Map<string, Contact>();
  return {
    get(tokenHash: string): Contact | undefined {
      return byToken.get(tokenHash);
    },
    set(tokenHash: string, contact: Contact): void {
      byToken.delete(tokenHash);
      byToken.set(tokenHash, contact);
      if (byToken.size > limit) byToken.delete(byToken.keys().next().value as string);
    },
    delete(tokenHash: string): void {
      byToken.delete(tokenHash);
    },
  };
}
export type ContactCache = ReturnType<typeof createContactCache>;
