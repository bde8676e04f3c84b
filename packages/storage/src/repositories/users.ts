import type { UserRepository } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { toUser } from './mappers.ts';

export function userRepository(db: Db): UserRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : null;
    },
    async listByWorkspace(workspaceId) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .execute();
      return rows.map(toUser);
    },
    async setPresence(id, presence, auto = false) {
      await db
        .updateTable('users')
        .set({
          presence,
          presence_auto: auto,
          // the grace period runs from a change of presence, or from away-by-choice becoming away-by-leaving
          presence_changed_at: sql`case when presence = ${presence} and presence_auto = ${auto} then presence_changed_at else now() end`,
        })
        .where('id', '=', id)
        .execute();
    },
    async expireAutoAway(before) {
      // one statement: only people still away by leaving (a reconnect meanwhile made them online)
      const rows = await db
        .updateTable('users')
        .set({ presence: 'offline', presence_changed_at: new Date() })
        .where('presence', '=', 'away')
        .where('presence_auto', '=', true)
        .where('presence_changed_at', '<', before)
        .returningAll()
        .execute();
      return rows.map(toUser);
    },
    async setRoutingProfile(id, profile) {
      await db
        .updateTable('users')
        .set({
          max_concurrent: profile.maxConcurrent,
          skills: JSON.stringify(profile.skills),
          languages: JSON.stringify(profile.languages),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
