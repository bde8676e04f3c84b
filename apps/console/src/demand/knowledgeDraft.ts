import type { DemandDraft } from '@tandem/protocol';
import type { KnowledgeEntry } from '../api.ts';
import { hrefOf } from '../route.ts';
import { demandApi } from './demandApi.ts';

const KEY = 'tandem.knowledgeDraft';

/** A draft on its way to the Knowledge editor: the entry to review, and the topic to mark covered once saved. */
export interface KnowledgeDraft {
  /** null: only opening an entry (from the quality list), no topic to mark */
  topicId: string | null;
  mode: 'new' | 'merge';
  entry: KnowledgeEntry;
}

/** Opens the Knowledge page with a topic's draft in the editor (the page reads it once, see takeKnowledgeDraft). */
export function openKnowledgeDraft(draft: DemandDraft | KnowledgeDraft): void {
  sessionStorage.setItem(KEY, JSON.stringify(draft));
  window.history.pushState(null, '', hrefOf('knowledge'));
  // useRoute follows popstate: the console shows the Knowledge page
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The draft left for the Knowledge page (read without side effects; the page clears it once shown). */
export function peekKnowledgeDraft(): KnowledgeDraft | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as KnowledgeDraft;
    return parsed && (typeof parsed.topicId === 'string' || parsed.topicId === null) && parsed.entry
      ? parsed
      : null;
  } catch {
    return null;
  }
}

/** Taken: a reload later opens the Knowledge page as usual. */
export function clearKnowledgeDraft(): void {
  sessionStorage.removeItem(KEY);
}

/** After the draft's entry is saved: its topic shows as covered. A failure only leaves it uncovered. */
export async function linkDraftTopic(draft: KnowledgeDraft, entryId: string): Promise<void> {
  if (draft.topicId === null) return;
  await demandApi.link(draft.topicId, entryId).catch((error: unknown) => {
    console.warn('could not mark the topic covered', error);
  });
}
