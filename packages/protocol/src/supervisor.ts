import { z } from 'zod';
import { idSchema } from './common.ts';
import { messageEmotionSchema } from './conversation.ts';
import { presenceSchema, roleSchema } from './user.ts';

const count = z.number().int().nonnegative();
const seconds = z.number().int().nonnegative();
const tier = z.union([z.literal(1), z.literal(2)]);

/** A team on the supervisor's wall: its queue, who is there, and how full they are. */
export const wallTeamSchema = z.object({
  id: idSchema,
  key: z.string().nullable(),
  name: z.string(),
  tier,
  /** conversations waiting in its queue now */
  queued: count,
  /** how long the longest-waiting of them has waited (0: nobody waits) */
  longestWaitSeconds: seconds,
  /** members by presence (disabled people are not counted) */
  online: count,
  away: count,
  offline: count,
  /** the sum of the online members' maximum concurrent conversations */
  capacity: count,
  /** the conversations the online members serve now (in any team) */
  load: count,
});
export type WallTeam = z.infer<typeof wallTeamSchema>;

/** The general queue (conversations in no team). */
export const wallGeneralQueueSchema = z.object({ queued: count, longestWaitSeconds: seconds });

/** A person on the wall. */
export const wallAgentSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: roleSchema,
  presence: presenceSchema,
  /** conversations they serve now */
  load: count,
  /** conversations offered to them now (not yet accepted) */
  offered: count,
  /** their maximum concurrent conversations */
  capacity: count,
  teams: z.array(idSchema),
  /** how long the customer who has waited longest for their answer has waited (counted from when this person
   * took the conversation); null when every customer of theirs has been answered */
  oldestUnansweredSeconds: seconds.nullable(),
});
export type WallAgent = z.infer<typeof wallAgentSchema>;

/** A conversation whose SLA clock is near or past its deadline (the clock still runs). */
export const wallSlaWarningSchema = z.object({
  conversationId: idSchema,
  customerName: z.string().nullable(),
  teamId: idSchema.nullable(),
  assigneeId: idSchema.nullable(),
  kind: z.enum(['first_response', 'resolution']),
  /** warning: 80 % of the time has passed; breach: the deadline has passed */
  level: z.enum(['warning', 'breach']),
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type WallSlaWarning = z.infer<typeof wallSlaWarningSchema>;

const csatFigure = z.object({ average: z.number().nullable(), count });

export const wallCsatSchema = csatFigure.extend({
  /** the time zone 'today' is counted in: the general queue's business hours' time zone, else UTC */
  timezone: z.string(),
  /** the start of today in that time zone */
  since: z.string(),
  /** per team the rated conversation was in (null: the general queue) */
  byTeam: z.array(z.object({ teamId: idSchema.nullable(), average: z.number(), count })),
});

/** A waiting customer, in queue order. */
export const wallQueueItemSchema = z.object({
  conversationId: idSchema,
  customerName: z.string().nullable(),
  teamId: idSchema.nullable(),
  priority: z.number().int(),
  waitingSeconds: seconds,
  /** offered to this person now, waiting for their answer */
  offeredTo: idSchema.nullable(),
  emotion: z
    .object({ current: messageEmotionSchema, trend: z.enum(['improving', 'steady', 'worsening']) })
    .nullable(),
});
export type WallQueueItem = z.infer<typeof wallQueueItemSchema>;

/** `GET /api/supervisor/wall`: the live picture of a workspace for supervisors and admins. */
export const supervisorWallSchema = z.object({
  generatedAt: z.string(),
  teams: z.array(wallTeamSchema),
  general: wallGeneralQueueSchema,
  agents: z.array(wallAgentSchema),
  /** at most 50, most urgent (earliest deadline) first */
  slaWarnings: z.array(wallSlaWarningSchema),
  csatToday: wallCsatSchema,
  /** at most 50, in queue order (priority plus time waited), across all queues */
  queue: z.array(wallQueueItemSchema),
});
export type SupervisorWall = z.infer<typeof supervisorWallSchema>;
