/**
 * Every column of `conversations` but the bot's state: routing, service levels and the staff inbox never read
 * the bot's state, and it can be large (they read many conversations at a time).
 */
export const conversationColumns = [
  'id',
  'workspace_id',
  'contact_id',
  'channel',
  'status',
  'assignee_id',
  'priority',
  'handoff_reason',
  'handoff',
  'emotion',
  'tags',
  'last_seq',
  'customer_seq',
  'bot_seq',
  'customer_read_seq',
  'queued_at',
  'resolved_at',
  'team_id',
  'offered_to',
  'offer_expires_at',
  'declined_by',
  'last_agent_id',
  'assigned_at',
  'csat_score',
  'csat_comment',
  'csat_at',
  'first_response_due_at',
  'resolution_due_at',
  'first_response_at',
  'sla_flags',
  'nudged_at',
  'disposition',
  'created_at',
  'updated_at',
] as const;

type Column = (typeof conversationColumns)[number];

/** The same columns of a table alias (`c.id`, …). */
export const conversationColumnsOf = <A extends string>(alias: A) =>
  conversationColumns.map((column) => `${alias}.${column}` as `${A}.${Column}`);
