import type { SemanticQuery } from '../nlu/semanticIndex.ts';
import type { KnowledgeEntry } from './types.ts';

export interface FaqCandidate {
  entryId: string;
  /** 0..1 */
  confidence: number;
}

/** What the matcher concluded about one message; the bot turns it into words and buttons. */
export interface FaqMatch {
  outcome: 'answer' | 'clarify' | 'unknown';
  /** best entries first; for `clarify`, the ones worth offering */
  candidates: FaqCandidate[];
  /** the message had nothing to match (only emoji, punctuation or spaces) */
  empty: boolean;
  /** not answered because it names another company the knowledge base never mentions ("my Amazon order") */
  elsewhere?: boolean;
}

/** Maps a customer message to knowledge entries. The bot's dialogue policy does not care how. */
export interface FaqMatcher {
  /** `semantic`: the message's embedding, when the workspace's provider gives embeddings (extra evidence) */
  match(text: string, semantic?: SemanticQuery | null): FaqMatch;
}

export type FaqMatcherFactory = (entries: readonly KnowledgeEntry[]) => FaqMatcher;
