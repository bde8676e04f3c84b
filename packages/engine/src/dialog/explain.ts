import { detectHandoffRequest, type HandoffRequest } from '../bot/handoff.ts';
import type { EscalationAdvice } from '../emotion/index.ts';
import { extractEntities } from '../entities/index.ts';
import type { Entity } from '../entities/types.ts';
import type { FaqSearchResult } from '../retrieval/faqEngine.ts';
import type { RuleOutcome } from '../rules/index.ts';
import { type FlowHttp, FlowHttpError, type FlowHttpRequest, type FlowOutcome } from './flows/index.ts';
import type { TurnOutput } from './types.ts';

/** Which stage of a turn decided it (see the order of precedence in docs/bot.md). */
export type TurnStage = 'human_first' | 'rule' | 'keyword' | 'emotion' | 'flow' | 'small_talk' | 'knowledge';

/** A business-system call a flow made (GET) or would have made (other methods are not sent in a dry run). */
export interface ExplainedHttpCall {
  method: FlowHttpRequest['method'];
  /** without its query string (it may carry tokens) */
  url: string;
  performed: boolean;
}

/** What the turn saw on its way to the decision, recorded by the turn itself (never recomputed). */
export interface TurnTrace {
  /** the FAQ and flow-trigger search behind the decision (null when the message was not searched) */
  search: FaqSearchResult | null;
  rules: RuleOutcome | null;
  escalation: EscalationAdvice | null;
  /** the flow the turn started or continued, and where it stopped */
  flow: { id: string; outcome: FlowOutcome; node: string | null } | null;
  http: ExplainedHttpCall[];
}

/** `ConversationEngine.explain`: the real turn's output, and why. */
export interface TurnExplanation {
  output: TurnOutput;
  stage: TurnStage;
  trace: TurnTrace;
  /** entities in the message (order numbers, phones, dates, money …), as flows would read them */
  entities: Entity[];
  handoffRequest: HandoffRequest;
}

export const emptyTrace = (): TurnTrace => ({
  search: null,
  rules: null,
  escalation: null,
  flow: null,
  http: [],
});

/**
 * The business-system port of a dry run: reads (GET) are sent as in a real turn, so an order lookup shows
 * what the customer would see; anything that could change something is not sent and fails as a refused
 * call would (the flow takes its `onError` path). Every call is recorded in the trace.
 */
export function dryRunHttp(http: FlowHttp, trace: TurnTrace): FlowHttp {
  return async (request) => {
    const performed = request.method === 'GET';
    const url = request.url.replace(/[?#].*$/s, '');
    trace.http.push({ method: request.method, url, performed });
    // refused like a call outside the allowed origins: final, not retried
    if (!performed)
      throw new FlowHttpError('not_allowed', `${request.method} is not sent when trying the bot`);
    return http(request);
  };
}

/** Which stage decided, read from the turn's own output and trace. */
export function stageOf(output: TurnOutput, trace: TurnTrace): TurnStage {
  if (output.handover?.reason === 'human_first') return 'human_first';
  if (output.kind === 'blocked' || output.kind === 'rule') return 'rule';
  if (output.handover?.reason === 'keyword') return 'keyword';
  if (output.handover?.reason === 'emotion') return 'emotion';
  if (output.kind === 'flow' || trace.flow) return 'flow';
  if (output.intent?.startsWith('smalltalk.')) return 'small_talk';
  return 'knowledge';
}

export function explainExtras(text: string, now: Date): Pick<TurnExplanation, 'entities' | 'handoffRequest'> {
  let entities: Entity[] = [];
  try {
    entities = extractEntities(text, { now });
  } catch {
    entities = [];
  }
  return { entities, handoffRequest: detectHandoffRequest(text) };
}
