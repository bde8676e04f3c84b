import { DomainError, type User, type Workspace } from '@tandem/domain';
import type { AppContext } from '../context.ts';
import { createLoginThrottle, type LoginThrottle } from './loginThrottle.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from './tokens.ts';

let dummyHash: Promise<string> | null = null;

/** One throttle per running app (tests start several in one process). */
const throttles = new WeakMap<AppContext, LoginThrottle>();
export function loginThrottleOf(ctx: AppContext): LoginThrottle {
  let throttle = throttles.get(ctx);
  if (!throttle) {
    throttle = createLoginThrottle();
    throttles.set(ctx, throttle);
  }
  return throttle;
}

/**
 * Checks credentials and opens a session. Unknown e-mail and wrong password fail the same way, in the same
 * time, and count the same towards the per-account throttle (10 failures in 15 minutes, then `rate_limited`
 * until the window passes), so the throttle does not reveal which addresses exist either.
 */
export async function login(
  ctx: AppContext,
  email: string,
  password: string,
): Promise<{
  token: string;
  expiresAt: Date;
  user: User;
  workspace: Workspace;
  /** the password was set by an admin: the console asks them to choose their own */
  mustChangePassword: boolean;
}> {
  const throttle = loginThrottleOf(ctx);
  const verdict = throttle.check(email);
  if (!verdict.allowed) {
    const minutes = Math.max(1, Math.ceil(verdict.retryAfterSeconds / 60));
    throw new DomainError(
      'rate_limited',
      `too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    );
  }
  // counted before the first await, so parallel attempts cannot all pass the check; a success clears it
  throttle.recordFailure(email);
  const credentials = await ctx.store.auth.findCredentials(email);
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(password, credentials?.passwordHash ?? (await dummyHash));
  if (!credentials || !ok) throw new DomainError('invalid_credentials', 'wrong e-mail or password');
  const workspace = await ctx.store.workspaces.findById(credentials.user.workspaceId);
  if (!workspace) throw new DomainError('invalid_credentials', 'wrong e-mail or password');
  // said only to whoever knows the password, so it reveals nothing to someone guessing
  if (credentials.disabled) {
    throttle.recordSuccess(email);
    throw new DomainError('account_disabled', 'this account has been disabled; ask an admin');
  }
  throttle.recordSuccess(email);
  const token = newToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000);
  await ctx.store.auth.createSession(hashToken(token), credentials.user.id, expiresAt);
  await ctx.store.people.recordLogin(credentials.user.id);
  return { token, expiresAt, user: credentials.user, workspace, mustChangePassword: credentials.temporary };
}

export async function logout(ctx: AppContext, token: string | undefined): Promise<void> {
  if (!token || token.length > 200) return;
  const user = await ctx.store.auth.findSessionUser(hashToken(token), new Date());
  await ctx.store.auth.deleteSession(hashToken(token));
  if (user) await ctx.events.publish('session.ended', { userId: user.id, sessionHash: hashToken(token) });
}

/** Staff as the actor of a domain command. */
export const staffActor = (user: User) =>
  ({
    kind: 'agent',
    user: { id: user.id, name: user.name, role: user.role, workspaceId: user.workspaceId },
  }) as const;
