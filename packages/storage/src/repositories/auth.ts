import type { User } from '@tandem/domain';
import type { Db } from '../database.ts';
import { toUser } from './mappers.ts';

/** Credentials and sessions of staff. Only hashes are stored: passwords (scrypt) and session tokens (SHA-256). */
export function authRepository(db: Db) {
  return {
    /** `disabled`: an admin disabled the account (it cannot sign in); `temporary`: an admin set the password */
    async findCredentials(
      email: string,
    ): Promise<{ user: User; passwordHash: string; disabled: boolean; temporary: boolean } | null> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row
        ? {
            user: toUser(row),
            passwordHash: row.password_hash,
            disabled: row.disabled_at !== null,
            temporary: row.password_temporary,
          }
        : null;
    },
    async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
      await db
        .insertInto('sessions')
        .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
        .execute();
    },
    async findSessionUser(tokenHash: string, now: Date): Promise<User | null> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .where('sessions.token_hash', '=', tokenHash)
        .where('sessions.expires_at', '>', now)
        // a disabled person's sessions are ended when they are disabled; this holds even for one in flight
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteExpiredSessions(now: Date): Promise<void> {
      await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
    },
  };
}
export type AuthRepository = ReturnType<typeof authRepository>;
