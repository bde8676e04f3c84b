import { z } from 'zod';
import { idSchema, langSchema, storableString } from './common.ts';
import { routingProfileSchema } from './routing.ts';
import { presenceSchema, roleSchema } from './user.ts';

/** A staff member as admins manage them (`GET /api/admin/people`). */
export const personSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  /** a disabled person cannot sign in and is offered nothing */
  disabled: z.boolean(),
  /** ids of the teams they are a member of */
  teams: z.array(idSchema),
  maxConcurrent: z.number().int(),
  skills: z.array(z.string()),
  languages: z.array(langSchema),
  presence: presenceSchema,
  lastLoginAt: z.string().nullable(),
  /** their password was set by an admin (invitation or reset) and they have not chosen their own yet */
  mustChangePassword: z.boolean(),
});
export type Person = z.infer<typeof personSchema>;

export const peopleListSchema = z.object({ people: z.array(personSchema) });
export const personResponseSchema = z.object({ person: personSchema });
export const personParamsSchema = z.object({ id: idSchema });

const personName = storableString().trim().min(1).max(64);
/** the sign-in: stored in lower case, unique across the installation (so also within a workspace) */
const personEmail = z
  .email()
  .max(200)
  .transform((email) => email.toLowerCase());
const teamIds = z.array(idSchema).max(100);

/** `POST /api/admin/people`: invite a person; they get a temporary password shown once. */
export const personInviteBodySchema = z.object({
  name: personName,
  email: personEmail,
  role: roleSchema,
  teamIds: teamIds.default([]),
  maxConcurrent: routingProfileSchema.shape.maxConcurrent.default(5),
  /** the language of their console and of the invitation e-mail */
  locale: langSchema.default('zh'),
});
export type PersonInviteBody = z.infer<typeof personInviteBodySchema>;

/** `PUT /api/admin/people/:id`: what is left out stays as it is (at least one field). */
export const personUpdateBodySchema = z
  .object({
    name: personName,
    role: roleSchema,
    disabled: z.boolean(),
    /** exactly these teams (replaces their memberships) */
    teamIds,
    maxConcurrent: routingProfileSchema.shape.maxConcurrent,
    skills: routingProfileSchema.shape.skills,
    languages: routingProfileSchema.shape.languages,
  })
  .partial()
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'change at least one field');
export type PersonUpdateBody = z.infer<typeof personUpdateBodySchema>;

/** A password an admin set, returned once and never stored in clear or logged. */
export const temporaryPasswordSchema = z.string().min(12);

export const personInvitedSchema = z.object({
  person: personSchema,
  temporaryPassword: temporaryPasswordSchema,
  /** `sending`: an invitation e-mail with the temporary password is on its way (SMTP configured); a failure
   * is logged without the address or password. `not_configured`: no SMTP, hand the password over yourself */
  invitationEmail: z.enum(['sending', 'not_configured']),
});
export type PersonInvited = z.infer<typeof personInvitedSchema>;

export const personPasswordResetSchema = z.object({
  person: personSchema,
  temporaryPassword: temporaryPasswordSchema,
  /** how many of their sessions were signed out */
  sessionsRevoked: z.number().int().nonnegative(),
});
export type PersonPasswordReset = z.infer<typeof personPasswordResetSchema>;

/** `POST /api/auth/password`: a staff member chooses their own password (e.g. after a temporary one). */
export const passwordChangeBodySchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    newPassword: z.string().min(10, 'at least 10 characters').max(200),
  })
  .refine((body) => body.newPassword !== body.currentPassword, {
    message: 'the new password must differ from the current one',
    path: ['newPassword'],
  });
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;
