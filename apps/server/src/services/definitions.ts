import { DomainError, type User } from '@tandem/domain';
import { parseBotSettings, parseFlow, parseRules } from '@tandem/engine';
import type { DefinitionBody, DefinitionKind } from '@tandem/protocol';
import type { DefinitionVersion } from '@tandem/storage';
import type { AppContext } from '../context.ts';
import { ValidationError } from '../http/validation.ts';

const mayEdit = (user: User) => user.role === 'admin' || user.role === 'supervisor';

function assertMayEdit(user: User): void {
  if (!mayEdit(user)) throw new DomainError('forbidden', 'only admins and supervisors may change the bot');
}

/** Validates a document of a kind; returns the key it is stored under. Nothing is stored when it is invalid. */
function validate(kind: DefinitionKind, body: DefinitionBody): string {
  const fail = (errors: Array<{ path: string; message: string }>): never => {
    const first = errors[0];
    throw new ValidationError(
      'validation_failed',
      `${kind} definition is invalid${first ? ` at ${first.path || '(root)'}: ${first.message}` : ''}; the running version stays in force`,
      errors.map((e) => ({ path: e.path || '(root)', message: e.message })),
    );
  };
  if (kind === 'flow') {
    const parsed = parseFlow(body.source, body.format);
    return parsed.ok ? parsed.flow.id : fail(parsed.errors);
  }
  if (kind === 'rules') {
    const parsed = parseRules(body.source, body.format);
    return parsed.ok ? 'rules' : fail(parsed.errors);
  }
  const parsed = parseBotSettings(body.source, body.format);
  return parsed.ok ? 'settings' : fail(parsed.errors);
}

/** The change is live for the next message: rules are swapped in place, the rest rebuilds the bot. */
async function applyLive(ctx: AppContext, workspaceId: string, kind: DefinitionKind): Promise<void> {
  if (kind === 'rules') await ctx.bots.reloadRules(workspaceId);
  else ctx.bots.rebuild(workspaceId);
}

export async function saveDefinition(
  ctx: AppContext,
  user: User,
  kind: DefinitionKind,
  body: DefinitionBody,
) {
  assertMayEdit(user);
  const key = validate(kind, body);
  const version = await ctx.store.definitions.save({
    workspaceId: user.workspaceId,
    kind,
    key,
    source: body.source,
    format: body.format,
    createdBy: user.id,
  });
  await applyLive(ctx, user.workspaceId, kind);
  return { kind, key, version };
}

export async function activateVersion(
  ctx: AppContext,
  user: User,
  kind: DefinitionKind,
  key: string,
  version: number | null,
) {
  assertMayEdit(user);
  const ok = await ctx.store.definitions.activate(user.workspaceId, kind, key, version);
  if (!ok) throw new DomainError('not_found', `no version ${version} of ${kind} ${key}`);
  await applyLive(ctx, user.workspaceId, kind);
  return { kind, key, version: version ?? 0 };
}

const present = (d: DefinitionVersion) => ({
  key: d.key,
  version: d.version,
  format: d.format,
  source: d.source,
  active: d.active,
  createdAt: d.createdAt.toISOString(),
  createdBy: d.createdBy,
});

export async function listDefinitions(ctx: AppContext, user: User, kind: DefinitionKind) {
  assertMayEdit(user); // flow sources can hold business-system credentials
  // the running version of each definition, then the newest version of each one switched off (active: false)
  const active = await ctx.store.definitions.listActive(user.workspaceId, kind);
  const off = await ctx.store.definitions.listSwitchedOff(user.workspaceId, kind);
  return { definitions: [...active, ...off].map(present) };
}

export async function definitionHistory(ctx: AppContext, user: User, kind: DefinitionKind, key: string) {
  assertMayEdit(user);
  const versions = await ctx.store.definitions.history(user.workspaceId, kind, key);
  if (versions.length === 0) throw new DomainError('not_found', `no ${kind} ${key}`);
  return { definitions: versions.map(present) };
}
