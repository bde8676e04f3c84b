import { randomUUID } from 'node:crypto';
import type { ContactRepository } from '@tandem/domain';
import type { Db } from '../database.ts';
import { toContact } from './mappers.ts';

export function contactRepository(db: Db): ContactRepository {
  return {
    async findById(id) {
      const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toContact(row) : null;
    },
    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('contacts')
        .selectAll()
        .where('visitor_token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row ? toContact(row) : null;
    },
    async create(input) {
      const row = await db
        .insertInto('contacts')
        .values({
          id: randomUUID(),
          workspace_id: input.workspaceId,
          visitor_token_hash: input.tokenHash,
          name: input.name,
          lang: input.lang,
          attributes: JSON.stringify(input.attributes),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toContact(row);
    },
    async touch(id, patch) {
      await db
        .updateTable('contacts')
        .set({
          last_seen_at: new Date(),
          ...(patch.lang !== undefined ? { lang: patch.lang } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.attributes !== undefined ? { attributes: JSON.stringify(patch.attributes) } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
