import { z } from 'zod';
import { idSchema, langSchema, storableString } from './common.ts';
import { presenceSchema, roleSchema } from './user.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day such as 09:00');

/** A time zone the runtime knows (IANA name such as Asia/Shanghai). */
export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Shanghai');

const interval = z
  .object({ from: clock, to: clock })
  .refine((i) => i.from < i.to, 'an interval must end after it starts');

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** When a team (or the workspace's general queue) serves: weekly hours in a time zone, and holidays. */
export const businessHoursSchema = z.object({
  timezone: timeZoneSchema,
  weekly: z.partialRecord(z.enum(weekdays), z.array(interval).max(6)),
  holidays: z.array(z.iso.date()).max(400).default([]),
});
export type BusinessHoursBody = z.infer<typeof businessHoursSchema>;

const seconds = z
  .number()
  .int()
  .min(10)
  .max(30 * 86_400);
const band = z.object({ normal: seconds, high: seconds, urgent: seconds });
/** First-response and resolution targets per priority band (urgent ≥ 70, high ≥ 40, else normal). */
export const slaTargetsSchema = z.object({ firstResponseSeconds: band, resolutionSeconds: band });

export const routingStrategies = ['least_busy', 'round_robin', 'manual'] as const;
export const routingStrategySchema = z.enum(routingStrategies);

/** A team (skill group) as admins edit it: tier 2 is the expert tier. */
export const teamBodySchema = z.object({
  name: storableString().trim().min(1).max(64),
  /** what flows and rules call it (`team: payments`) */
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'key must be lowercase letters, digits, "_" and "-" (at most 40)')
    .nullable()
    .default(null),
  tier: z.union([z.literal(1), z.literal(2)]).default(1),
  strategy: routingStrategySchema.default('least_busy'),
  offerTimeoutSeconds: z.number().int().min(5).max(3600).default(30),
  offlineGraceSeconds: z.number().int().min(0).max(86_400).default(60),
  /** null: always open */
  hours: businessHoursSchema.nullable().default(null),
  /** null: the default targets */
  sla: slaTargetsSchema.nullable().default(null),
  nudgeSeconds: z.number().int().min(30).max(86_400).default(180),
  requeueAfterNudgeSeconds: z.number().int().min(30).max(86_400).default(180),
  /** where its conversations go when nobody in it is online (null: they wait in its queue) */
  fallbackTeamId: idSchema.nullable().default(null),
  memberIds: z.array(idSchema).max(500).default([]),
});
export type TeamBody = z.infer<typeof teamBodySchema>;

export const teamViewSchema = z.object({
  id: idSchema,
  name: z.string(),
  key: z.string().nullable(),
  tier: z.union([z.literal(1), z.literal(2)]),
  strategy: routingStrategySchema,
  offerTimeoutSeconds: z.number().int(),
  offlineGraceSeconds: z.number().int(),
  hours: businessHoursSchema.nullable(),
  sla: slaTargetsSchema.nullable(),
  nudgeSeconds: z.number().int(),
  requeueAfterNudgeSeconds: z.number().int(),
  fallbackTeamId: idSchema.nullable(),
  /** open now by its hours */
  open: z.boolean(),
  members: z.array(z.object({ id: idSchema, name: z.string(), presence: presenceSchema })),
  /** conversations waiting in its queue now */
  queued: z.number().int(),
});
export type TeamView = z.infer<typeof teamViewSchema>;
export const teamListSchema = z.object({ teams: z.array(teamViewSchema) });

/** How a person is routed to: conversations at once, skills, languages spoken. */
export const routingProfileSchema = z.object({
  maxConcurrent: z.number().int().min(1).max(50),
  skills: z.array(storableString().trim().min(1).max(40)).max(20),
  languages: z.array(langSchema).min(1).max(2),
});
export type RoutingProfile = z.infer<typeof routingProfileSchema>;

export const staffRoutingViewSchema = routingProfileSchema.extend({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  presence: presenceSchema,
  /** conversations assigned now, and offered now */
  active: z.number().int(),
  offered: z.number().int(),
  teamIds: z.array(idSchema),
});
export type StaffRoutingView = z.infer<typeof staffRoutingViewSchema>;
