import {
  documentListSchema,
  documentRemovedSchema,
  documentResultSchema,
  documentSearchResultSchema,
  type LlmSettingsBody,
  llmCallListSchema,
  llmSettingsViewSchema,
  llmTestResultSchema,
} from '@tandem/protocol';
import { request } from '../api.ts';

/** The language-model provider and the documents the bot answers from (admin API). */
export const llmApi = {
  settings: () => request('GET', '/api/admin/llm', llmSettingsViewSchema),
  save: (body: LlmSettingsBody) => request('PUT', '/api/admin/llm', llmSettingsViewSchema, body),
  test: () => request('POST', '/api/admin/llm/test', llmTestResultSchema),
  calls: () => request('GET', '/api/admin/llm/calls', llmCallListSchema),
  documents: () => request('GET', '/api/admin/documents', documentListSchema),
  upload: (file: File, replace?: string) =>
    request(
      'POST',
      `/api/admin/documents/upload?name=${encodeURIComponent(file.name)}${replace ? `&replace=${replace}` : ''}`,
      documentResultSchema,
      { raw: file, headers: { 'content-type': 'application/octet-stream' } },
    ),
  fetchUrl: (url: string) => request('POST', '/api/admin/documents/fetch', documentResultSchema, { url }),
  refresh: (id: string) => request('POST', `/api/admin/documents/${id}/refresh`, documentResultSchema),
  remove: (id: string) => request('DELETE', `/api/admin/documents/${id}`, documentRemovedSchema),
  search: (q: string) =>
    request('GET', `/api/admin/documents/search?q=${encodeURIComponent(q)}`, documentSearchResultSchema),
};
