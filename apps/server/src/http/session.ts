import { DomainError, type User } from '@tandem/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { hashToken } from '../services/tokens.ts';

export const SESSION_COOKIE = 'tandem_session';

/** The signed-in staff member of a session token, or null. */
export async function userForSessionToken(ctx: AppContext, token: string | undefined): Promise<User | null> {
  if (!token || token.length > 200) return null;
  return ctx.store.auth.findSessionUser(hashToken(token), new Date());
}

export async function requireStaff(ctx: AppContext, request: FastifyRequest): Promise<User> {
  const user = await userForSessionToken(ctx, request.cookies[SESSION_COOKIE]);
  if (!user) throw new DomainError('unauthenticated', 'sign in to continue');
  return user;
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string, expires: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.cookieSecure,
    path: '/',
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
