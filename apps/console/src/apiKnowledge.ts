import {
  type BotTryResult,
  botTryResultSchema,
  type KnowledgeDiff,
  type KnowledgeImportPreview,
  knowledgeChangeResultSchema,
  knowledgeDiffSchema,
  knowledgeImportCommitSchema,
  knowledgeImportPreviewSchema,
  knowledgeVersionListSchema,
} from '@tandem/protocol';
import type { z } from 'zod';
import { request } from './api.ts';

const entryPath = (id: string) => `/api/admin/knowledge/${encodeURIComponent(id)}`;

/** The type the server reads an import file as (by its name: browsers disagree on CSV's). */
function contentTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (name.endsWith('.json')) return 'application/json';
  return 'text/csv';
}

export type KnowledgeChange = z.infer<typeof knowledgeChangeResultSchema>;
export type KnowledgeVersions = z.infer<typeof knowledgeVersionListSchema>;
export type ImportCommitted = z.infer<typeof knowledgeImportCommitSchema>;

/** The knowledge base's history, files and the try-it panel (admins and supervisors). */
export const knowledgeApi = {
  async versions(id: string): Promise<KnowledgeVersions> {
    return request('GET', `${entryPath(id)}/versions`, knowledgeVersionListSchema);
  },
  async diff(id: string, version: number, against: number | 'current' | undefined): Promise<KnowledgeDiff> {
    const query = against === undefined ? '' : `?against=${against}`;
    return request('GET', `${entryPath(id)}/versions/${version}/diff${query}`, knowledgeDiffSchema);
  },
  async rollback(id: string, version: number): Promise<KnowledgeChange> {
    return request('POST', `${entryPath(id)}/rollback`, knowledgeChangeResultSchema, { version });
  },
  async setEnabled(id: string, enabled: boolean): Promise<KnowledgeChange> {
    return request('PUT', `${entryPath(id)}/enabled`, knowledgeChangeResultSchema, { enabled });
  },
  exportHref(format: 'csv' | 'xlsx' | 'json'): string {
    return `/api/admin/knowledge/export?format=${format}`;
  },
  async importPreview(file: File): Promise<KnowledgeImportPreview> {
    return request('POST', '/api/admin/knowledge/import/preview', knowledgeImportPreviewSchema, {
      raw: file,
      headers: { 'content-type': contentTypeOf(file) },
    });
  },
  async importCommit(file: File, planId: string, skipInvalid: boolean): Promise<ImportCommitted> {
    const query = new URLSearchParams({ planId, skipInvalid: String(skipInvalid) });
    return request('POST', `/api/admin/knowledge/import/commit?${query}`, knowledgeImportCommitSchema, {
      raw: file,
      headers: { 'content-type': contentTypeOf(file) },
    });
  },
  async tryIt(text: string, lang?: 'zh' | 'en'): Promise<BotTryResult> {
    return request('POST', '/api/admin/bot/try', botTryResultSchema, lang ? { text, lang } : { text });
  },
};
