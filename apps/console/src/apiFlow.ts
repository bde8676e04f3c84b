import {
  type FlowDraft,
  type FlowTestResult,
  type FlowValidateResult,
  flowTestResultSchema,
  flowValidateResultSchema,
  type Lang,
} from '@tandem/protocol';
import { request } from './api.ts';

/** The structured flow editor's calls: check a draft as saving would, and a test conversation with it. */
export const flowApi = {
  async validate(draft: FlowDraft): Promise<FlowValidateResult> {
    return request('POST', '/api/admin/bot/flow/validate', flowValidateResultSchema, { draft });
  },
  /** the customer's messages so far: the server runs the conversation again from its start */
  async test(draft: FlowDraft, messages: string[], lang?: Lang): Promise<FlowTestResult> {
    const body = { draft, messages: messages.map((text) => ({ text })), ...(lang ? { lang } : {}) };
    return request('POST', '/api/admin/bot/flow/test', flowTestResultSchema, body);
  },
};
