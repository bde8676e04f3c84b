import {
  type AnswerQuality,
  answerQualityListSchema,
  type DemandDraft,
  type DemandOverview,
  demandDraftSchema,
  demandLinkedSchema,
  demandOverviewSchema,
  demandRunStartedSchema,
} from '@tandem/protocol';
import { request } from '../api.ts';

const topicPath = (id: string) => `/api/admin/demand/topics/${encodeURIComponent(id)}`;

/** Demand mining and answer quality (docs/mining.md). */
export const demandApi = {
  overview(): Promise<DemandOverview> {
    return request('GET', '/api/admin/demand', demandOverviewSchema);
  },
  mineAgain() {
    return request('POST', '/api/admin/demand/runs', demandRunStartedSchema, {});
  },
  draft(topicId: string, entryId?: string): Promise<DemandDraft> {
    const query = entryId ? `?entry=${encodeURIComponent(entryId)}` : '';
    return request('GET', `${topicPath(topicId)}/draft${query}`, demandDraftSchema);
  },
  link(topicId: string, entryId: string) {
    return request('POST', `${topicPath(topicId)}/link`, demandLinkedSchema, { entryId });
  },
  async quality(
    kind?: AnswerQuality['kind'],
  ): Promise<{ items: AnswerQuality[]; finishedAt: string | null }> {
    const result = await request(
      'GET',
      `/api/admin/quality/answers${kind ? `?kind=${kind}` : ''}`,
      answerQualityListSchema,
    );
    return { items: result.items, finishedAt: result.resultsOf?.finishedAt ?? null };
  },
};
