import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

/** A workspace's provider settings as stored; `apiKeySealed` is the encrypted key (never sent to clients). */
export interface LlmSettingsRecord {
  workspaceId: string;
  enabled: boolean;
  baseUrl: string;
  chatModel: string;
  embeddingModel: string | null;
  apiKeySealed: string | null;
  timeoutMs: number;
  dailyTokenBudget: number;
  features: Record<string, unknown>;
  updatedAt: Date;
}

export type LlmSettingsWrite = Omit<LlmSettingsRecord, 'workspaceId' | 'updatedAt'>;

/** One provider call as logged: no text, no personal data. */
export interface LlmCallRecord {
  purpose: string;
  model: string;
  outcome: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  at: Date;
}

/** The UTC day a token is counted against. */
export const usageDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Provider settings, the daily token count and the call log of each workspace. */
export function llmRepository(db: Db) {
  return {
    /** Does any workspace have a provider API key stored (sealed)? */
    async anyApiKeyStored(): Promise<boolean> {
      const row = await db
        .selectFrom('llm_settings')
        .select('workspace_id')
        .where('api_key_sealed', 'is not', null)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
    async settings(workspaceId: string): Promise<LlmSettingsRecord | null> {
      const row = await db
        .selectFrom('llm_settings')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        workspaceId: row.workspace_id,
        enabled: row.enabled,
        baseUrl: row.base_url,
        chatModel: row.chat_model,
        embeddingModel: row.embedding_model,
        apiKeySealed: row.api_key_sealed,
        timeoutMs: row.timeout_ms,
        dailyTokenBudget: row.daily_token_budget,
        features: json<Record<string, unknown>>(row.features),
        updatedAt: row.updated_at,
      };
    },

    async saveSettings(workspaceId: string, write: LlmSettingsWrite): Promise<void> {
      const values = {
        enabled: write.enabled,
        base_url: write.baseUrl,
        chat_model: write.chatModel,
        embedding_model: write.embeddingModel,
        api_key_sealed: write.apiKeySealed,
        timeout_ms: write.timeoutMs,
        daily_token_budget: write.dailyTokenBudget,
        features: JSON.stringify(write.features),
        updated_at: new Date(),
      };
      await db
        .insertInto('llm_settings')
        .values({ workspace_id: workspaceId, ...values })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
        .execute();
    },

    /** Tokens spent today (UTC) by the workspace. */
    async tokensToday(workspaceId: string, now = new Date()): Promise<number> {
      const row = await db
        .selectFrom('llm_usage')
        .select('tokens')
        .where('workspace_id', '=', workspaceId)
        .where('day', '=', usageDay(now))
        .executeTakeFirst();
      return row ? Number(row.tokens) : 0;
    },

    /** Adds spent tokens to today's count (one statement: concurrent calls add up). */
    async addTokens(workspaceId: string, tokens: number, now = new Date()): Promise<void> {
      if (tokens <= 0) return;
      await db
        .insertInto('llm_usage')
        .values({ workspace_id: workspaceId, day: usageDay(now), tokens })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'day']).doUpdateSet({ tokens: sql`llm_usage.tokens + ${tokens}` }),
        )
        .execute();
    },

    /**
     * Reserves `tokens` of today's budget for a call about to go out: added only when the day's count stays
     * within `budget` (one statement: concurrent reservations, from any process, cannot together pass it).
     * False when they do not fit (nothing is added).
     */
    async reserveTokens(
      workspaceId: string,
      tokens: number,
      budget: number,
      now = new Date(),
    ): Promise<boolean> {
      if (tokens > budget) return false;
      const row = await db
        .insertInto('llm_usage')
        .values({ workspace_id: workspaceId, day: usageDay(now), tokens })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'day'])
            .doUpdateSet({ tokens: sql`llm_usage.tokens + ${tokens}` })
            .where(sql<boolean>`llm_usage.tokens + ${tokens} <= ${budget}`),
        )
        .returning('tokens')
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Corrects a day's count by `delta` (a reservation settled or given back), never below zero. */
    async adjustTokens(workspaceId: string, delta: number, now = new Date()): Promise<void> {
      if (delta === 0) return;
      await db
        .updateTable('llm_usage')
        .set({ tokens: sql`greatest(llm_usage.tokens + ${delta}, 0)` })
        .where('workspace_id', '=', workspaceId)
        .where('day', '=', usageDay(now))
        .execute();
    },

    async logCall(workspaceId: string, call: Omit<LlmCallRecord, 'at'>): Promise<void> {
      await db
        .insertInto('llm_calls')
        .values({
          id: randomUUID(),
          workspace_id: workspaceId,
          purpose: call.purpose,
          model: call.model,
          outcome: call.outcome,
          latency_ms: Math.round(call.latencyMs),
          prompt_tokens: call.promptTokens,
          completion_tokens: call.completionTokens,
        })
        .execute();
    },

    /** The latest calls, newest first. */
    async recentCalls(workspaceId: string, limit: number): Promise<LlmCallRecord[]> {
      const rows = await db
        .selectFrom('llm_calls')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        purpose: r.purpose,
        model: r.model,
        outcome: r.outcome,
        latencyMs: r.latency_ms,
        promptTokens: r.prompt_tokens,
        completionTokens: r.completion_tokens,
        at: r.created_at,
      }));
    },
  };
}
export type LlmRepository = ReturnType<typeof llmRepository>;
