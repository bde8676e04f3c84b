import type { EntityList } from '../../entities/index.ts';

export type Lang = 'zh' | 'en';

export interface FlowReply {
  text: string;
  buttons: Array<{ label: string; payload: string }>;
}

export interface FlowHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
}

/** Performs a business-system call. Throws on timeouts, refused URLs and unreadable bodies. */
export type FlowHttp = (request: FlowHttpRequest) => Promise<{ status: number; body: unknown }>;

export interface FlowInput {
  text: string;
  lang: Lang;
}

export interface FlowContext {
  /** Language of the replies of startFlow (continueFlow answers in the input's language). */
  lang: Lang;
  /** From the embedding page: customerId, vipLevel, … Read as {{attributes.x}}. */
  attributes: Record<string, string | number | boolean>;
  now: Date;
  http: FlowHttp;
  /** A confident FAQ answer for a digression, else null. */
  faq?: (text: string, lang: Lang) => FlowReply | null;
  /** Relative action URLs resolve against it. */
  baseUrl?: string;
  /** IANA zone dates are read in; default Asia/Shanghai. */
  timezone?: string;
  /** The workspace's entity lists, for `list:<name>` slots. */
  lists?: EntityList[];
  /** The workspace's order-number patterns (regex sources). */
  orderPatterns?: string[];
}

/** Plain JSON, persisted by the server between turns. */
export interface FlowState {
  flowId: string;
  node: string;
  vars: Record<string, unknown>;
  slots: Record<string, unknown>;
  /** Failed answers at the awaiting node. */
  retries: number;
  /** Steps run since the flow started. */
  steps: number;
  awaiting: null | { kind: 'ask' | 'confirm'; node: string };
  /** Body of the last HTTP response, read as {{response.x}}; null when none or too large to keep. */
  response?: unknown;
}

export type FlowOutcome = 'waiting' | 'ended' | 'cancelled' | 'handover' | 'digressed' | 'failed';

export interface FlowHandover {
  tier: 'agent' | 'expert';
  team?: string;
  reason: string;
}

export interface FlowTurnResult {
  replies: FlowReply[];
  /** null when the flow has finished (ended, cancelled, handed over, failed). */
  state: FlowState | null;
  outcome: FlowOutcome;
  handover?: FlowHandover;
  /** Variables plus `slots`, sensitive ones masked: for transcripts and the agent's handoff context. */
  vars: Record<string, unknown>;
  /** What went wrong inside the flow this turn (failed calls, step limit), for logs; never shown to customers. */
  problems: Array<{ node: string; message: string }>;
}
