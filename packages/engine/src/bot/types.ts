/** The contract between the server's bot participant and the engine. The inside may change; this may not without a protocol bump. */
export type Lang = 'zh' | 'en';

/** One FAQ entry of a workspace's knowledge base, bilingual. */
export interface KnowledgeEntry {
  id: string;
  category: string;
  questions: Record<Lang, string[]>;
  answer: Record<Lang, string>;
  /** ids of related entries, offered as quick-reply buttons */
  related: string[];
}

export interface QuickReply {
  label: string;
  /** text sent as the customer's message when tapped */
  payload: string;
}

/** What the bot remembers of one conversation between turns (persisted by the server as JSON). */
export interface BotState {
  /** consecutive turns the bot could not answer */
  misses: number;
  /** language of the conversation so far, when known */
  lang: Lang | null;
  lastEntryId: string | null;
  /** index of the last "I don't know" wording used, so the next one differs */
  lastUnknownReply?: number;
}

export type HandoffReason = 'customer_request' | 'repeated_miss';

export type BotDecision =
  | { kind: 'answer'; lang: Lang; text: string; entryId: string; confidence: number; buttons: QuickReply[] }
  | { kind: 'clarify'; lang: Lang; text: string; confidence: number; buttons: QuickReply[] }
  | { kind: 'unknown'; lang: Lang; text: string; buttons: QuickReply[] }
  | { kind: 'handoff'; lang: Lang; text: string; reason: HandoffReason };

export interface Bot {
  reply(state: BotState, text: string): { decision: BotDecision; state: BotState };
}

export const initialBotState: BotState = { misses: 0, lang: null, lastEntryId: null };
