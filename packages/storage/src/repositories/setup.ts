import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { newIdentitySecret } from './identity.ts';

/** Creation of workspaces and staff accounts (first-run seeding, later the admin console). */
export function setupRepository(db: Db) {
  return {
    async countWorkspaces(): Promise<number> {
      const row = await db
        .selectFrom('workspaces')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async createWorkspace(input: {
      slug: string;
      name: string;
      settings?: Record<string, unknown>;
    }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('workspaces')
        .values({
          id,
          slug: input.slug,
          name: input.name,
          settings: JSON.stringify(input.settings ?? {}),
          identity_secret: newIdentitySecret(),
        })
        .execute();
      return id;
    },
    /** sets one key of a workspace's settings (null removes it) */
    async setWorkspaceSetting(workspaceId: string, key: string, value: unknown): Promise<void> {
      await db
        .updateTable('workspaces')
        .set({
          settings:
            value === null
              ? sql`settings - ${key}::text`
              : sql`jsonb_set(settings, ${`{${key}}`}::text[], ${JSON.stringify(value)}::jsonb)`,
        })
        .where('id', '=', workspaceId)
        .execute();
    },
    async createUser(input: {
      workspaceId: string;
      email: string;
      name: string;
      role: 'admin' | 'supervisor' | 'agent' | 'expert';
      passwordHash: string;
      locale: 'zh' | 'en';
    }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({
          id,
          workspace_id: input.workspaceId,
          email: input.email,
          name: input.name,
          role: input.role,
          password_hash: input.passwordHash,
          locale: input.locale,
        })
        .execute();
      return id;
    },
  };
}
export type SetupRepository = ReturnType<typeof setupRepository>;
