import { z } from 'zod';
import { idSchema, langSchema, storableString } from './common.ts';

/** Whose a canned reply is: mine only, a team's (its members use it), or everyone's in the workspace. */
export const cannedReplyScopes = ['personal', 'team', 'workspace'] as const;
export const cannedReplyScopeSchema = z.enum(cannedReplyScopes);
export type CannedReplyScope = z.infer<typeof cannedReplyScopeSchema>;

/** What an agent types after "/" to pick the reply: letters (any script), digits, "_" and "-". */
export const CANNED_SHORTCUT_PATTERN = /^[\p{L}\p{N}_-]{1,32}$/u;
export const CANNED_TITLE_MAX = 80;
export const CANNED_BODY_MAX = 2000;

export const cannedShortcutSchema = storableString()
  .trim()
  .normalize('NFC')
  .regex(CANNED_SHORTCUT_PATTERN, 'a shortcut is 1–32 letters, digits, "_" or "-" (e.g. refund, 退款)');

/**
 * A canned reply to create, or to put in place of one (PUT replaces every field). `teamId` is required for
 * a team reply and must be left out (or null) otherwise; `lang` null means any language.
 */
export const cannedReplyBodySchema = z
  .object({
    scope: cannedReplyScopeSchema,
    teamId: idSchema.nullable().optional(),
    shortcut: cannedShortcutSchema,
    title: storableString().trim().min(1, 'give the reply a title').max(CANNED_TITLE_MAX),
    body: storableString().trim().min(1, 'write the reply').max(CANNED_BODY_MAX),
    lang: langSchema.nullable().default(null),
  })
  .superRefine((value, ctx) => {
    if (value.scope === 'team' && !value.teamId)
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'a team reply needs its teamId' });
    if (value.scope !== 'team' && value.teamId)
      ctx.addIssue({ code: 'custom', path: ['teamId'], message: 'only a team reply has a teamId' });
  });
export type CannedReplyBody = z.infer<typeof cannedReplyBodySchema>;

export const cannedReplyParamsSchema = z.object({ id: idSchema });

/**
 * `usable` (default): what I may insert — my personal replies, my teams' and the workspace's.
 * `editable`: what I may change — my personal replies, and for admins and supervisors every team's and the
 * workspace's. `q` searches shortcut, title and body (case-insensitive); `lang` keeps replies in that
 * language or for any language.
 */
export const cannedReplyListQuerySchema = z.object({
  view: z.enum(['usable', 'editable']).default('usable'),
  q: storableString()
    .trim()
    .max(100)
    .optional()
    .transform((v) => (v ? v : undefined)),
  lang: langSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CannedReplyListQuery = z.infer<typeof cannedReplyListQuerySchema>;

const namedSchema = z.object({ id: idSchema, name: z.string() });

export const cannedReplyViewSchema = z.object({
  id: idSchema,
  scope: cannedReplyScopeSchema,
  /** the team of a team reply */
  team: namedSchema.nullable(),
  /** the owner of a personal reply */
  owner: namedSchema.nullable(),
  shortcut: z.string(),
  title: z.string(),
  /** may contain variables such as {customer.name}: see `fillReplyVariables` */
  body: z.string(),
  lang: langSchema.nullable(),
  /** whether I may change or delete it */
  editable: z.boolean(),
  createdBy: namedSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedReplyView = z.infer<typeof cannedReplyViewSchema>;

export const cannedReplyListResponseSchema = z.object({ replies: z.array(cannedReplyViewSchema) });
export const cannedReplyResponseSchema = z.object({ reply: cannedReplyViewSchema });
export const cannedReplyRemovedSchema = z.object({ removed: z.literal(true) });
