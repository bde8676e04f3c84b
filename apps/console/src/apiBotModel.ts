import {
  type IntentExamplesBody,
  type IntentList,
  type IntentSaved,
  type IntentSource,
  intentListSchema,
  intentSavedSchema,
  type ReportJob,
  reportStateSchema,
  type Vocabulary,
  type VocabularyView,
  vocabularyViewSchema,
} from '@tandem/protocol';
import { request } from './api.ts';

const intentPath = (source: IntentSource, key: string) =>
  `/api/admin/bot/intents/${encodeURIComponent(source)}/${encodeURIComponent(key)}/examples`;

/** The bot's model (admins): intents and their examples, the vocabulary, the cross-validation report. */
export const botModelApi = {
  async intents(): Promise<IntentList> {
    return request('GET', '/api/admin/bot/intents', intentListSchema);
  },
  async saveExamples(
    source: IntentSource,
    key: string,
    examples: IntentExamplesBody['examples'],
  ): Promise<IntentSaved> {
    return request('PUT', intentPath(source, key), intentSavedSchema, { examples });
  },
  async vocabulary(): Promise<VocabularyView> {
    return request('GET', '/api/admin/bot/vocabulary', vocabularyViewSchema);
  },
  async saveVocabulary(vocabulary: Vocabulary): Promise<VocabularyView> {
    return request('PUT', '/api/admin/bot/vocabulary', vocabularyViewSchema, vocabulary);
  },
  async startReport(): Promise<ReportJob | null> {
    return (await request('POST', '/api/admin/bot/report', reportStateSchema, {})).job;
  },
  /** The latest report job; while one runs, the server answers when it ends (or after `waitMs`). */
  async report(waitMs = 0): Promise<ReportJob | null> {
    return (await request('GET', `/api/admin/bot/report?waitMs=${waitMs}`, reportStateSchema)).job;
  },
};
