import { type Kysely, sql } from 'kysely';

/**
 * The optional language-model provider and document knowledge.
 *
 * - `llm_settings`: one row per workspace (absent: off). The API key is stored encrypted (AES-256-GCM under a
 *   server key, see apps/server/src/llm/secretBox.ts) and is never read back out to a client.
 * - `llm_usage`: tokens spent per workspace and UTC day, for the daily budget (shared by every process).
 * - `llm_calls`: one row per provider call: purpose, model, latency, tokens, outcome — never the text.
 * - `documents` / `document_chunks`: uploaded or fetched documents, their extracted text and the chunks the
 *   retrieval index is built from (with an embedding when the provider has them). Deleting a document
 *   deletes its chunks (cascade): nothing derived outlives it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('llm_settings')
    .addColumn('workspace_id', 'uuid', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('chat_model', 'text', (c) => c.notNull())
    .addColumn('embedding_model', 'text')
    .addColumn('api_key_sealed', 'text')
    .addColumn('timeout_ms', 'integer', (c) => c.notNull().defaultTo(15000))
    .addColumn('daily_token_budget', 'integer', (c) => c.notNull().defaultTo(200000))
    .addColumn('features', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('llm_usage')
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('llm_usage_pkey', ['workspace_id', 'day'])
    .execute();

  await db.schema
    .createTable('llm_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index llm_calls_workspace_idx on llm_calls (workspace_id, created_at desc)`.execute(db);

  await db.schema
    .createTable('documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 200`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('upload','url')`))
    .addColumn('url', 'text')
    .addColumn('format', 'text', (c) =>
      c.notNull().check(sql`format in ('markdown','html','text','pdf','docx')`),
    )
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('chunk_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('embedded', 'boolean', (c) => c.notNull().defaultTo(false))
    // the model the chunks' embeddings come from: vectors of another model are never compared with a question's
    .addColumn('embedding_model', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index documents_workspace_idx on documents (workspace_id, updated_at desc)`.execute(db);

  await db.schema
    .createTable('document_chunks')
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', 'uuid', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('embedding', 'jsonb')
    .addPrimaryKeyConstraint('document_chunks_pkey', ['document_id', 'position'])
    .execute();
  await sql`create index document_chunks_workspace_idx on document_chunks (workspace_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('document_chunks').execute();
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('llm_calls').execute();
  await db.schema.dropTable('llm_usage').execute();
  await db.schema.dropTable('llm_settings').execute();
}
