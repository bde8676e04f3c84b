import { ModelRegistry, type ModelVersion } from '../nlu/registry.ts';
import { type CreateFaqBotOptions, createFaqBotInWorker } from './createFaqBot.ts';
import { createFaqBotWith } from './faqBot.ts';
import { createLexicalMatcher } from './lexicalMatcher.ts';
import type { Bot, KnowledgeEntry } from './types.ts';

/** A bot whose knowledge can change while it serves: each edit is trained off-thread and swapped in. */
export interface LiveFaqBot extends Bot {
  /** Retrains on new entries in a worker; resolves once the new version answers. */
  update(entries: KnowledgeEntry[], note?: string): Promise<ModelVersion<Bot>>;
  /** Back to the previous version (or a given one); null if there is none. */
  rollback(toVersion?: number): ModelVersion<Bot> | null;
  readonly versions: ModelRegistry<Bot>;
  /** resolves when the first trained version is in service */
  readonly ready: Promise<ModelVersion<Bot>>;
}

/**
 * Answers at once with lexical matching (BM25) while the NLU engine trains in a worker, then swaps the
 * trained engine in. Each turn reads the current version once, so a swap never splits a turn.
 */
export function createLiveFaqBot(entries: KnowledgeEntry[], options: CreateFaqBotOptions = {}): LiveFaqBot {
  const versions = new ModelRegistry<Bot>();
  versions.publish(
    createFaqBotWith(entries, createLexicalMatcher(entries, options), options),
    'lexical (training)',
  );
  let latest = 0;
  const update = async (next: KnowledgeEntry[], note = 'knowledge update'): Promise<ModelVersion<Bot>> => {
    const ticket = ++latest;
    const bot = await createFaqBotInWorker(next, options);
    // An older training finishing after a newer one must not replace it.
    if (ticket !== latest) return versions.current!;
    return versions.publish(bot, note);
  };
  const ready = update(entries, 'initial training');
  // A failed first training leaves the lexical version answering; callers awaiting `ready` see the error.
  ready.catch(() => undefined);
  return {
    reply: (state, text) => versions.current!.model.reply(state, text),
    update,
    rollback: (toVersion) => versions.rollback(toVersion),
    versions,
    ready,
  };
}
