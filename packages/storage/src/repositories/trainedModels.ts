import { sql } from 'kysely';
import type { Db } from '../database.ts';

/** Trained models kept per workspace; the newest this many (by use) stay, older ones are deleted. */
export const TRAINED_MODELS_KEPT = 3;

/** Each use takes the next number: an order that equal times cannot tie (018_trained_model_use). */
const nextUse = sql<string>`nextval('trained_models_use_seq')`;

/** A workspace's trained bot models, by the engine's key (see 017_trained_models). */
export function trainedModelRepository(db: Db) {
  return {
    /** The model's bytes, marking it used (so the models in use are the ones kept), or null. */
    async load(workspaceId: string, key: string): Promise<Uint8Array | null> {
      const row = await db
        .updateTable('trained_models')
        .set({ used_at: sql`now()`, use_order: nextUse })
        .where('workspace_id', '=', workspaceId)
        .where('key', '=', key)
        .returning('data')
        .executeTakeFirst();
      return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
    },
    /** Keeps a model (replacing one of the same key) and deletes the workspace's older ones. */
    async save(workspaceId: string, key: string, data: Uint8Array): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('trained_models')
          .values({ workspace_id: workspaceId, key, data })
          .onConflict((oc) =>
            oc
              .columns(['workspace_id', 'key'])
              .doUpdateSet({ data, used_at: sql`now()`, use_order: nextUse }),
          )
          .execute();
        const kept = trx
          .selectFrom('trained_models')
          .select('key')
          .where('workspace_id', '=', workspaceId)
          .orderBy('use_order', 'desc')
          .limit(TRAINED_MODELS_KEPT);
        await trx
          .deleteFrom('trained_models')
          .where('workspace_id', '=', workspaceId)
          .where('key', 'not in', kept)
          .execute();
      });
    },
    /** The keys kept for a workspace, newest use first. */
    async keys(workspaceId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('trained_models')
        .select('key')
        .where('workspace_id', '=', workspaceId)
        .orderBy('use_order', 'desc')
        .execute();
      return rows.map((row) => row.key);
    },
  };
}
