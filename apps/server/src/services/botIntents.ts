import { DomainError, type User } from '@tandem/domain';
import { parseFlow } from '@tandem/engine';
import {
  type IntentExamplesBody,
  type IntentList,
  type IntentSaved,
  type IntentSource,
  knowledgeEntrySchema,
} from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { ValidationError } from '../http/validation.ts';
import { assertAdminOfModel, entryIntent, flowIntent, intentsOf, loadTraining } from './botTraining.ts';
import { replaceInSource } from './definitionSource.ts';
import { saveDefinition } from './definitions.ts';
import { saveKnowledgeEntry } from './knowledge.ts';

type Examples = IntentExamplesBody['examples'];

/** Every intent the bot learns, switched off or not, with its examples; and the bot's status. */
export async function listIntents(ctx: AppContext, user: User): Promise<IntentList> {
  assertAdminOfModel(user);
  const training = await loadTraining(ctx.store, user.workspaceId);
  return { intents: intentsOf(training), bot: ctx.bots.status(user.workspaceId) };
}

/** Problems found in the entry or flow, reported at the examples they concern (`examples.zh.3`). */
function examplesProblem(
  errors: Array<{ path: string; message: string }>,
  prefix: string,
  what: string,
): ValidationError {
  const details = errors.map((e) => ({
    path: e.path.startsWith(prefix) ? `examples${e.path.slice(prefix.length)}` : e.path || '(root)',
    message: e.message,
  }));
  const first = details[0];
  return new ValidationError(
    'validation_failed',
    `${what}${first ? ` at ${first.path}: ${first.message}` : ''}; nothing was saved`,
    details,
  );
}

/** A new version of the entry with these phrasings (everything else as it is now), by the knowledge command. */
async function saveEntryExamples(ctx: AppContext, user: User, id: string, examples: Examples) {
  const entry = await ctx.store.knowledge.find(user.workspaceId, id);
  if (!entry) throw new DomainError('not_found', `no knowledge entry ${id}`);
  const { enabled: _enabled, ...rest } = entry;
  const parsed = knowledgeEntrySchema.safeParse({ ...rest, questions: examples });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    throw examplesProblem(errors, 'questions', 'the examples do not fit a knowledge entry');
  }
  const saved = await saveKnowledgeEntry(ctx, user, id, parsed.data);
  return { intent: entryIntent(saved.entry), version: saved.version?.version ?? null, bot: saved.bot };
}

/** A new version of the running flow with these trigger examples, by the definitions command. */
async function saveFlowExamples(ctx: AppContext, user: User, key: string, examples: Examples) {
  const active = (await ctx.store.definitions.listActive(user.workspaceId, 'flow')).find(
    (d) => d.key === key,
  );
  if (!active) {
    const off = (await ctx.store.definitions.listSwitchedOff(user.workspaceId, 'flow')).some(
      (d) => d.key === key,
    );
    if (off)
      throw new DomainError(
        'conflict',
        `flow ${key} is switched off; turn it on before changing its examples`,
      );
    throw new DomainError('not_found', `no flow ${key}`);
  }
  const current = parseFlow(active.source, active.format);
  if (current.ok && JSON.stringify(current.flow.trigger.examples) === JSON.stringify(examples)) {
    return {
      intent: flowIntent(active, current.flow),
      version: null,
      bot: ctx.bots.status(user.workspaceId),
    };
  }
  const source = replaceInSource(active.source, active.format, [
    { path: ['trigger', 'examples', 'zh'], value: examples.zh },
    { path: ['trigger', 'examples', 'en'], value: examples.en },
  ]);
  const next = parseFlow(source, active.format);
  if (!next.ok) throw examplesProblem(next.errors, 'trigger.examples', `flow ${key} would not be valid`);
  if (next.flow.id !== key) throw new DomainError('bad_request', `flow ${key} changed its id`);
  const saved = await saveDefinition(ctx, user, 'flow', { format: active.format, source });
  const definition = { ...active, version: saved.version, source, createdBy: user.id, createdAt: new Date() };
  return {
    intent: flowIntent(definition, next.flow),
    version: saved.version,
    bot: ctx.bots.status(user.workspaceId),
  };
}

/**
 * Saves an intent's examples through the command that owns its source: a knowledge entry update (a new
 * knowledge version) or a new version of the flow definition. Either retrains the bot in the background.
 */
export async function saveIntentExamples(
  ctx: AppContext,
  user: User,
  source: IntentSource,
  key: string,
  body: IntentExamplesBody,
): Promise<IntentSaved> {
  assertAdminOfModel(user);
  return source === 'knowledge'
    ? saveEntryExamples(ctx, user, key, body.examples)
    : saveFlowExamples(ctx, user, key, body.examples);
}
