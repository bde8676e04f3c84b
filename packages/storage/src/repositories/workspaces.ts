import type { WorkspaceRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import { toWorkspace } from './mappers.ts';

export function workspaceRepository(db: Db): WorkspaceRepository {
  return {
    async findBySlug(slug) {
      const row = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },
    async findById(id) {
      const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toWorkspace(row) : null;
    },
    async listRecent(limit) {
      const rows = await db
        .selectFrom('workspaces')
        .selectAll()
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toWorkspace);
    },
  };
}
