import type { Db } from '../database.ts';
import { json } from './mappers.ts';

export interface KnowledgeEntryRecord {
  id: string;
  category: string;
  questions: { zh: string[]; en: string[] };
  answer: { zh: string; en: string };
  related: string[];
}

/** A workspace's FAQ knowledge base. */
export function knowledgeRepository(db: Db) {
  return {
    async list(workspaceId: string): Promise<KnowledgeEntryRecord[]> {
      const rows = await db
        .selectFrom('knowledge_entries')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        category: row.category,
        questions: json(row.questions),
        answer: json(row.answer),
        related: json(row.related),
      }));
    },
    async remove(workspaceId: string, id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('knowledge_entries')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async upsertMany(workspaceId: string, entries: KnowledgeEntryRecord[]): Promise<void> {
      for (const entry of entries) {
        const values = {
          category: entry.category,
          questions: JSON.stringify(entry.questions),
          answer: JSON.stringify(entry.answer),
          related: JSON.stringify(entry.related),
          updated_at: new Date(),
        };
        await db
          .insertInto('knowledge_entries')
          .values({ workspace_id: workspaceId, id: entry.id, ...values })
          .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet(values))
          .execute();
      }
    },
  };
}
export type KnowledgeRepository = ReturnType<typeof knowledgeRepository>;
