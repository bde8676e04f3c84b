import type { HandoffReason } from '@tandem/protocol';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { json } from './mappers.ts';

/** An earlier conversation of a customer, as the handoff packet lists it. */
export interface PastConversation {
  id: string;
  contactId: string;
  status: 'bot' | 'queued' | 'assigned' | 'resolved' | 'closed';
  createdAt: Date;
  resolvedAt: Date | null;
  handoffReason: HandoffReason | null;
  tags: string[];
  csatScore: number | null;
  /** customer, bot and agent messages (system notices not counted) */
  messageCount: number;
  /** the customer's first message, cut to 500 characters; null when they wrote nothing */
  firstCustomerText: string | null;
}

/** How much of a first message is read: enough for a line in a list. */
const FIRST_TEXT = 500;

/** A customer's conversation history across their contacts (devices, browsers). */
export function historyRepository(db: Db) {
  return {
    /**
     * The contact's other conversations, newest first — and, with a verified `customerId`, those of every
     * contact of the workspace verified as the same customer. A contact that only claims the id (no
     * `identityVerified: true`, e.g. older data) is not joined. `customerId` must itself come from the
     * contact's verified attributes.
     */
    async listForCustomer(
      workspaceId: string,
      contactId: string,
      customerId: string | null,
      excludeConversationId: string | null,
      limit: number,
    ): Promise<PastConversation[]> {
      let query = db
        .selectFrom('conversations as c')
        .where('c.workspace_id', '=', workspaceId)
        .where((eb) =>
          customerId === null
            ? eb('c.contact_id', '=', contactId)
            : eb.or([
                eb('c.contact_id', '=', contactId),
                eb(
                  'c.contact_id',
                  'in',
                  eb
                    .selectFrom('contacts as ct')
                    .select('ct.id')
                    .where('ct.workspace_id', '=', workspaceId)
                    .where(sql<string>`ct.attributes ->> 'customerId'`, '=', customerId)
                    // boolean true only: a string "true" is not a verification
                    .where(sql<boolean>`ct.attributes -> 'identityVerified' = 'true'::jsonb`),
                ),
              ]),
        );
      if (excludeConversationId !== null) query = query.where('c.id', '!=', excludeConversationId);
      const rows = await query
        .select([
          'c.id',
          'c.contact_id',
          'c.status',
          'c.created_at',
          'c.resolved_at',
          'c.handoff_reason',
          'c.tags',
          'c.csat_score',
        ])
        .select((eb) => [
          eb
            .selectFrom('messages as m')
            .whereRef('m.conversation_id', '=', 'c.id')
            .where('m.author_kind', '!=', 'system')
            .select((e) => e.fn.countAll<string>().as('n'))
            .as('message_count'),
          eb
            .selectFrom('messages as m')
            .whereRef('m.conversation_id', '=', 'c.id')
            .where('m.author_kind', '=', 'customer')
            .orderBy('m.seq', 'asc')
            .limit(1)
            .select(sql<string>`left(m.text, ${sql.lit(FIRST_TEXT)})`.as('t'))
            .as('first_customer_text'),
        ])
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        contactId: row.contact_id,
        status: row.status,
        createdAt: row.created_at,
        resolvedAt: row.resolved_at,
        handoffReason: row.handoff_reason,
        tags: json<string[] | null>(row.tags) ?? [],
        csatScore: row.csat_score,
        messageCount: Number(row.message_count ?? 0),
        firstCustomerText: row.first_customer_text ?? null,
      }));
    },
  };
}
export type HistoryRepository = ReturnType<typeof historyRepository>;
