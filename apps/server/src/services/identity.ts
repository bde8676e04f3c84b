import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, type User } from '@tandem/domain';
import type { IdentitySecret, WidgetIdentity } from '@tandem/protocol';
import type { AppContext } from '../context.ts';

/**
 * Identity verification (like Intercom's user_hash): the shop's backend signs its customer id with the
 * workspace's secret, and only a signed id becomes the contact's `customerId`. The secret is never logged.
 */

/** hex HMAC-SHA256 of the customer id under the workspace secret: what the shop's backend computes. */
export function signCustomerId(secret: string, customerId: string): string {
  return createHmac('sha256', secret).update(customerId, 'utf8').digest('hex');
}

/** Whether the signature is the customer id's HMAC under this secret (constant-time compare). */
export function isValidSignature(secret: string, identity: WidgetIdentity): boolean {
  const expected = createHmac('sha256', secret).update(identity.customerId, 'utf8').digest();
  const given = Buffer.from(identity.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Throws `identity_invalid` unless the identity is signed with the workspace's current secret. */
export async function verifyIdentity(
  ctx: AppContext,
  workspaceId: string,
  identity: WidgetIdentity,
): Promise<void> {
  const secret = await ctx.store.identity.secret(workspaceId);
  if (!secret || !isValidSignature(secret, identity)) {
    throw new DomainError(
      'identity_invalid',
      "the customer's signature does not match; sign the customer id with the workspace's identity secret",
    );
  }
}

function assertAdmin(user: User): void {
  if (user.role !== 'admin') throw new DomainError('forbidden', 'only admins may see the identity secret');
}

export async function readIdentitySecret(ctx: AppContext, user: User): Promise<IdentitySecret> {
  assertAdmin(user);
  const secret = await ctx.store.identity.secret(user.workspaceId);
  if (!secret) throw new DomainError('workspace_not_found', 'no such workspace');
  return { secret };
}

export async function rotateIdentitySecret(ctx: AppContext, user: User): Promise<IdentitySecret> {
  assertAdmin(user);
  const secret = await ctx.store.identity.rotate(user.workspaceId);
  if (!secret) throw new DomainError('workspace_not_found', 'no such workspace');
  ctx.log.info({ workspaceId: user.workspaceId, userId: user.id }, 'identity secret rotated');
  return { secret };
}

/** What a demo shop's backend would do: sign a customer id of a workspace (null when there is none). */
export async function signForWorkspace(
  ctx: AppContext,
  slug: string,
  customerId: string,
): Promise<string | null> {
  const workspace = await ctx.store.workspaces.findBySlug(slug);
  const secret = workspace ? await ctx.store.identity.secret(workspace.id) : null;
  return secret ? signCustomerId(secret, customerId) : null;
}
