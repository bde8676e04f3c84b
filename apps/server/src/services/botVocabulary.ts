import type { User } from '@tandem/domain';
import { defaultBotSettings, parseBotSettings } from '@tandem/engine';
import type { Vocabulary, VocabularyView } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { ValidationError } from '../http/validation.ts';
import { assertAdminOfModel } from './botTraining.ts';
import { replaceInSource } from './definitionSource.ts';
import { saveDefinition } from './definitions.ts';

async function runningSettings(ctx: AppContext, workspaceId: string) {
  const [definition] = await ctx.store.definitions.listActive(workspaceId, 'settings');
  if (!definition) return { definition: null, settings: defaultBotSettings };
  const parsed = parseBotSettings(definition.source, definition.format);
  return { definition, settings: parsed.ok ? parsed.settings : defaultBotSettings };
}

/** The user dictionary and synonym groups of the running settings. */
export async function readVocabulary(ctx: AppContext, user: User): Promise<VocabularyView> {
  assertAdminOfModel(user);
  const { definition, settings } = await runningSettings(ctx, user.workspaceId);
  return {
    vocabulary: settings.vocabulary,
    version: definition?.version ?? null,
    bot: ctx.bots.status(user.workspaceId),
  };
}

/** Two groups sharing a word would make it mean two things: the word is named at the later group. */
function sharedWords(vocabulary: Vocabulary): Array<{ path: string; message: string }> {
  const seen = new Map<string, number>();
  const problems: Array<{ path: string; message: string }> = [];
  vocabulary.synonyms.forEach((group, g) => {
    group.forEach((word, w) => {
      const key = word.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined && first !== g)
        problems.push({ path: `synonyms.${g}.${w}`, message: `"${word}" is already in group ${first + 1}` });
      else seen.set(key, g);
    });
  });
  return problems;
}

/**
 * Saves the vocabulary as a new version of the settings definition (by the definitions command): the
 * running document with `vocabulary` replaced and every other field as written. With no settings
 * document yet, the new one holds only the vocabulary (every other field keeps its default).
 */
export async function saveVocabulary(
  ctx: AppContext,
  user: User,
  vocabulary: Vocabulary,
): Promise<VocabularyView> {
  assertAdminOfModel(user);
  const shared = sharedWords(vocabulary);
  if (shared.length > 0) {
    throw new ValidationError(
      'validation_failed',
      `a word is in two synonym groups at ${shared[0]?.path}; nothing was saved`,
      shared,
    );
  }
  const { definition, settings } = await runningSettings(ctx, user.workspaceId);
  if (JSON.stringify(settings.vocabulary) === JSON.stringify(vocabulary)) {
    // nothing to change: no new version, no retraining
    return { vocabulary, version: definition?.version ?? null, bot: ctx.bots.status(user.workspaceId) };
  }
  const base = definition ?? { source: '{}\n', format: 'json' as const };
  const source = replaceInSource(base.source, base.format, [
    { path: ['vocabulary', 'words'], value: vocabulary.words },
    { path: ['vocabulary', 'synonyms'], value: vocabulary.synonyms },
  ]);
  try {
    const saved = await saveDefinition(ctx, user, 'settings', { format: base.format, source });
    const parsed = parseBotSettings(source, base.format);
    return {
      vocabulary: parsed.ok ? parsed.settings.vocabulary : vocabulary,
      version: saved.version,
      bot: ctx.bots.status(user.workspaceId),
    };
  } catch (error) {
    // the settings' own problems are reported at the vocabulary's fields (`words.3`, `synonyms.1.0`)
    if (!(error instanceof ValidationError)) throw error;
    const details = error.details.map((d) => ({ ...d, path: d.path.replace(/^vocabulary\./, '') }));
    throw new ValidationError('validation_failed', error.message, details);
  }
}
