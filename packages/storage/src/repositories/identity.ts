import { randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';

/** A new identity secret: 32 random bytes, base64url. */
export const newIdentitySecret = (): string => randomBytes(32).toString('base64url');

/**
 * The workspace's identity-verification secret (the key a shop's backend signs customer ids with).
 * Kept apart from the workspace record so it is never presented or logged with it by accident.
 */
export function identityRepository(db: Db) {
  const read = async (workspaceId: string) =>
    (
      await db
        .selectFrom('workspaces')
        .select('identity_secret')
        .where('id', '=', workspaceId)
        .executeTakeFirst()
    )?.identity_secret;

  return {
    /** The secret, created on first use when the workspace has none; null for an unknown workspace. */
    async secret(workspaceId: string): Promise<string | null> {
      const current = await read(workspaceId);
      if (current === undefined) return null;
      if (current !== null) return current;
      // compare-and-set: when two requests race, both read the one that was stored first
      await db
        .updateTable('workspaces')
        .set({ identity_secret: newIdentitySecret() })
        .where('id', '=', workspaceId)
        .where('identity_secret', 'is', null)
        .execute();
      return (await read(workspaceId)) ?? null;
    },
    /** Replaces the secret: signatures made with the old one stop being accepted at once. */
    async rotate(workspaceId: string): Promise<string | null> {
      const row = await db
        .updateTable('workspaces')
        .set({ identity_secret: newIdentitySecret() })
        .where('id', '=', workspaceId)
        .returning('identity_secret')
        .executeTakeFirst();
      return row?.identity_secret ?? null;
    },
  };
}
export type IdentityRepository = ReturnType<typeof identityRepository>;
