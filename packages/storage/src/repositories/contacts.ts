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
      const row =
        (await db
          .selectFrom('contacts')
          .selectAll()
          .where('visitor_token_hash', '=', tokenHash)
          .executeTakeFirst()) ??
        (await db
          .selectFrom('contact_tokens as t')
          .innerJoin('contacts as c', 'c.id', 't.contact_id')
          .selectAll('c')
          .where('t.token_hash', '=', tokenHash)
          .executeTakeFirst());
      return row ? toContact(row) : null;
    },
    async findByVerifiedCustomer(workspaceId, customerId) {
      const row = await db
        .selectFrom('contacts')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('verified_customer_id', '=', customerId)
        .executeTakeFirst();
      return row ? toContact(row) : null;
    },
    async addToken(contactId, tokenHash) {
      await db
        .insertInto('contact_tokens')
        .values({ token_hash: tokenHash, contact_id: contactId })
        .onConflict((oc) => oc.column('token_hash').doNothing())
        .execute();
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
          verified_customer_id: input.verifiedCustomerId ?? null,
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
          ...(patch.verifiedCustomerId !== undefined
            ? { verified_customer_id: patch.verifiedCustomerId }
            : {}),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
