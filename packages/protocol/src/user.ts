import { z } from 'zod';
import { idSchema, langSchema } from './common.ts';

export const roles = ['admin', 'supervisor', 'agent', 'expert'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const presenceStatuses = ['online', 'away', 'offline'] as const;
export const presenceSchema = z.enum(presenceStatuses);
export type Presence = z.infer<typeof presenceSchema>;

export const meSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  presence: presenceSchema,
  locale: langSchema,
  workspace: z.object({ id: idSchema, slug: z.string(), name: z.string() }),
  /** the password was set by an admin (invitation or reset): the console asks them to choose their own
   * (`POST /api/auth/password`) */
  mustChangePassword: z.boolean().optional(),
});
export type Me = z.infer<typeof meSchema>;

export const teammateSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  presence: presenceSchema,
});
export type Teammate = z.infer<typeof teammateSchema>;
