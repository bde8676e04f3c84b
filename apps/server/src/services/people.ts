import { randomBytes } from 'node:crypto';
import { DomainError, notFound, requeueFromOfflineAgent, type User } from '@tandem/domain';
import type {
  PasswordChangeBody,
  Person,
  PersonInviteBody,
  PersonInvited,
  PersonPasswordReset,
  PersonUpdateBody,
} from '@tandem/protocol';
import type { PersonRecord, SqlStore } from '@tandem/storage';
import nodemailer from 'nodemailer';
import type { AppContext } from '../context.ts';
import { hashPassword, hashToken, verifyPassword } from './tokens.ts';

/**
 * People and roles: admins invite, change, disable and reset staff; supervisors may read the list. A
 * temporary password is returned once (and e-mailed with the invitation when SMTP is configured); it is never
 * stored in clear, logged, or readable later.
 */

const assertAdmin = (user: User) => {
  if (user.role !== 'admin') throw new DomainError('forbidden', 'only admins manage people and roles');
};

/** 18 random characters of base64url (108 bits): typed once, then replaced by the person's own. */
export const newTemporaryPassword = () => randomBytes(14).toString('base64url').slice(0, 18);

export const presentPerson = (p: PersonRecord): Person => ({
  id: p.id,
  name: p.name,
  email: p.email,
  role: p.role,
  disabled: p.disabled,
  teams: p.teamIds,
  maxConcurrent: p.maxConcurrent,
  skills: p.skills,
  languages: p.languages,
  presence: p.presence,
  lastLoginAt: p.lastLoginAt?.toISOString() ?? null,
  mustChangePassword: p.mustChangePassword,
});

export async function listPeople(ctx: AppContext, user: User): Promise<Person[]> {
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only admins and supervisors see the list of people');
  return (await ctx.store.people.list(user.workspaceId)).map(presentPerson);
}

async function findPerson(store: SqlStore, workspaceId: string, id: string): Promise<PersonRecord> {
  const person = await store.people.findOne(workspaceId, id);
  if (!person) throw notFound('user', id);
  return person;
}

/** Teams must be teams of the workspace: an unknown id is refused (nothing changes). */
async function assertTeams(store: SqlStore, workspaceId: string, teamIds: readonly string[]) {
  const unique = [...new Set(teamIds)];
  const known = new Set(await store.people.existingTeams(workspaceId, unique));
  const missing = unique.find((id) => !known.has(id));
  if (missing) throw notFound('team', missing);
  return unique;
}

/** After a commit: close the sockets of ended sessions. */
const endSessions = (ctx: AppContext, userId: string, hashes: string[]) => {
  for (const sessionHash of hashes) ctx.events.publish('session.ended', { userId, sessionHash });
};

const invitation = {
  zh: (workspace: string, email: string, password: string, url: string | null) => ({
    subject: `邀请您加入 ${workspace} 的客服团队`,
    text: `您好：\n\n您已被邀请使用 Tandem 客服工作台（${workspace}）。\n\n${url ? `登录地址：${url}\n` : ''}登录邮箱：${email}\n临时密码：${password}\n\n请登录后立即设置您自己的密码。如果这不是您预期的邮件，请忽略它。\n`,
  }),
  en: (workspace: string, email: string, password: string, url: string | null) => ({
    subject: `You are invited to the ${workspace} service team`,
    text: `Hello,\n\nYou have been invited to the Tandem console of ${workspace}.\n\n${url ? `Sign in at: ${url}\n` : ''}E-mail: ${email}\nTemporary password: ${password}\n\nPlease choose your own password after signing in. If you did not expect this e-mail, ignore it.\n`,
  }),
};

/**
 * The invitation e-mail, sent in the background (the admin has the password on screen either way). Neither
 * the address nor the password is ever logged: a failure logs the SMTP code only.
 */
function sendInvitation(
  ctx: AppContext,
  to: { email: string; locale: 'zh' | 'en'; id: string },
  workspaceName: string,
  password: string,
): 'sending' | 'not_configured' {
  const smtp = ctx.config.smtp;
  if (!smtp) return 'not_configured';
  const transport = nodemailer.createTransport(smtp.url);
  const mail = invitation[to.locale](workspaceName, to.email, password, ctx.config.publicUrl);
  void transport
    .sendMail({ from: smtp.from, to: to.email, ...mail })
    .catch((error: unknown) => {
      const code =
        (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
      ctx.log.warn({ code, userId: to.id }, 'invitation e-mail failed');
    })
    .finally(() => transport.close());
  return 'sending';
}

export async function invitePerson(
  ctx: AppContext,
  user: User,
  body: PersonInviteBody,
): Promise<PersonInvited> {
  assertAdmin(user);
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await ctx.store.transaction(async (tx) => {
    const teamIds = await assertTeams(tx, user.workspaceId, body.teamIds);
    const created = await tx.people.create({
      workspaceId: user.workspaceId,
      name: body.name,
      email: body.email,
      role: body.role,
      locale: body.locale,
      maxConcurrent: body.maxConcurrent,
      passwordHash,
    });
    if (!created)
      throw new DomainError('email_taken', 'this e-mail address is already used by another account');
    await tx.people.setTeams(user.workspaceId, created, teamIds);
    return created;
  });
  const person = await findPerson(ctx.store, user.workspaceId, id);
  const workspace = await ctx.store.workspaces.findById(user.workspaceId);
  const invitationEmail = sendInvitation(
    ctx,
    { email: person.email, locale: body.locale, id },
    workspace?.name ?? 'Tandem',
    temporaryPassword,
  );
  ctx.log.info({ userId: id, role: body.role, by: user.id }, 'person invited');
  return { person: presentPerson(person), temporaryPassword, invitationEmail };
}

/**
 * Changes a person. Guards: an admin cannot disable or demote themselves, and the workspace keeps at least one
 * active admin (checked under a lock on its admins, so two admins demoting each other at once cannot both
 * succeed). Disabling ends their sessions (their sockets close), makes them offline (pending offers are
 * withdrawn) and puts the conversations they serve back in the queue, as when someone's offline grace ends.
 * A role change counts from their next request (each request reads the person afresh).
 */
export async function updatePerson(
  ctx: AppContext,
  user: User,
  id: string,
  body: PersonUpdateBody,
): Promise<Person> {
  assertAdmin(user);
  const leavesAdmins = body.role !== undefined && body.role !== 'admin';
  const disables = body.disabled === true;
  if (id === user.id && (leavesAdmins || disables))
    throw new DomainError('cannot_change_self', 'you cannot disable or demote yourself; ask another admin');
  await findPerson(ctx.store, user.workspaceId, id);
  const revoked = await ctx.store.transaction(async (tx) => {
    const teamIds = body.teamIds ? await assertTeams(tx, user.workspaceId, body.teamIds) : null;
    if (leavesAdmins || disables) {
      const admins = await tx.people.lockActiveAdmins(user.workspaceId);
      if (admins.includes(id) && admins.length <= 1)
        throw new DomainError('last_admin', 'the workspace must keep at least one active admin');
    }
    const updated = await tx.people.update(user.workspaceId, id, {
      name: body.name,
      role: body.role,
      disabled: body.disabled,
      maxConcurrent: body.maxConcurrent,
      skills: body.skills,
      languages: body.languages ? [...new Set(body.languages)] : undefined,
    });
    if (!updated) throw notFound('user', id);
    if (teamIds) await tx.people.setTeams(user.workspaceId, id, teamIds);
    return disables ? tx.people.revokeSessions(id) : [];
  });
  if (disables) {
    endSessions(ctx, id, revoked);
    // now offline: the routing listener withdraws offers to them; what they serve goes back to the queue now
    ctx.events.publish('presence.changed', {
      workspaceId: user.workspaceId,
      userId: id,
      presence: 'offline',
    });
    for (const conversation of await ctx.store.conversations.listAssignedTo(id)) {
      await requeueFromOfflineAgent(ctx.deps, conversation);
    }
    ctx.log.info({ userId: id, by: user.id, sessions: revoked.length }, 'person disabled');
  }
  ctx.router.schedule(user.workspaceId);
  return presentPerson(await findPerson(ctx.store, user.workspaceId, id));
}

/** A new temporary password, shown once; every session of theirs ends (their consoles sign out). */
export async function resetPassword(ctx: AppContext, user: User, id: string): Promise<PersonPasswordReset> {
  assertAdmin(user);
  await findPerson(ctx.store, user.workspaceId, id);
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const revoked = await ctx.store.transaction(async (tx) => {
    if (!(await tx.people.setPassword(user.workspaceId, id, passwordHash, true))) throw notFound('user', id);
    return tx.people.revokeSessions(id);
  });
  endSessions(ctx, id, revoked);
  ctx.log.info({ userId: id, by: user.id, sessions: revoked.length }, 'password reset');
  const person = await findPerson(ctx.store, user.workspaceId, id);
  return { person: presentPerson(person), temporaryPassword, sessionsRevoked: revoked.length };
}

/**
 * A staff member chooses their own password (after a temporary one, or any time): the current one must be
 * right; their other sessions end, this one stays.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  user: User,
  sessionToken: string,
  body: PasswordChangeBody,
): Promise<void> {
  const stored = await ctx.store.people.passwordHash(user.id);
  if (!stored || !(await verifyPassword(body.currentPassword, stored)))
    throw new DomainError('invalid_credentials', 'the current password is wrong');
  const passwordHash = await hashPassword(body.newPassword);
  const revoked = await ctx.store.transaction(async (tx) => {
    await tx.people.setPassword(user.workspaceId, user.id, passwordHash, false);
    return tx.people.revokeSessions(user.id, hashToken(sessionToken));
  });
  endSessions(ctx, user.id, revoked);
}
