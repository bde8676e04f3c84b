import type { Conversation } from '@tandem/domain';
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { ConversationRow } from '../schema.ts';
import { conversationColumnsOf } from './columns.ts';
import { json, toConversation } from './mappers.ts';

export type InboxView = 'queued' | 'mine' | 'assigned' | 'bot' | 'resolved' | 'all';

/** A conversation with what the inbox shows beside it. */
export interface InboxRow {
  conversation: Conversation;
  contact: {
    id: string;
    name: string | null;
    lang: 'zh' | 'en' | null;
    attributes: Record<string, string | number | boolean>;
  };
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string; tier: 1 | 2 } | null;
  lastMessage: { text: string; authorKind: AuthorKind; createdAt: Date } | null;
}

type AuthorKind = 'customer' | 'bot' | 'agent' | 'system';
type LastMessageJson = { text: string; authorKind: AuthorKind; createdAt: string };

/** Read models for the staff console. */
export function inboxRepository(db: Db) {
  const base = () =>
    db
      .selectFrom('conversations as c')
      .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
      .leftJoin('users as u', 'u.id', 'c.assignee_id')
      .leftJoin('teams as t', 't.id', 'c.team_id')
      // every column but the bot's state, which staff never see and which can be large
      .select(conversationColumnsOf('c'))
      .select([
        'ct.name as contact_name',
        'ct.lang as contact_lang',
        'ct.attributes as contact_attributes',
        'u.name as assignee_name',
        't.name as team_name',
        't.tier as team_tier',
      ])
      .select((eb) => [
        eb
          .selectFrom('messages as m')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author_kind', '!=', 'system')
          .orderBy('m.seq', 'desc')
          .limit(1)
          .select(
            sql<string>`json_build_object('text', m.text, 'authorKind', m.author_kind, 'createdAt', m.created_at)`.as(
              'j',
            ),
          )
          .as('last_message'),
      ]);

  type Joined = Omit<ConversationRow, 'bot_state'> & {
    contact_name: string | null;
    contact_lang: 'zh' | 'en' | null;
    contact_attributes: unknown;
    assignee_name: string | null;
    team_name: string | null;
    team_tier: 1 | 2 | null;
    last_message: unknown;
  };

  const toRow = (row: Joined): InboxRow => {
    const last = json<LastMessageJson | null>(row.last_message);
    return {
      conversation: toConversation({ ...row, bot_state: {} }),
      contact: {
        id: row.contact_id,
        name: row.contact_name,
        lang: row.contact_lang,
        attributes: json(row.contact_attributes),
      },
      assignee:
        row.assignee_id && row.assignee_name ? { id: row.assignee_id, name: row.assignee_name } : null,
      team:
        row.team_id && row.team_name
          ? { id: row.team_id, name: row.team_name, tier: row.team_tier ?? 1 }
          : null,
      lastMessage: last
        ? { text: last.text, authorKind: last.authorKind, createdAt: new Date(last.createdAt) }
        : null,
    };
  };

  return {
    async list(workspaceId: string, view: InboxView, userId: string, limit: number): Promise<InboxRow[]> {
      let query = base().where('c.workspace_id', '=', workspaceId);
      if (view === 'queued') query = query.where('c.status', '=', 'queued');
      if (view === 'mine')
        query = query.where('c.status', '=', 'assigned').where('c.assignee_id', '=', userId);
      // everyone's served conversations: the console's Team and All tabs and the supervisor wall
      if (view === 'assigned') query = query.where('c.status', '=', 'assigned');
      if (view === 'bot') query = query.where('c.status', '=', 'bot');
      if (view === 'resolved') query = query.where('c.status', 'in', ['resolved', 'closed']);
      query =
        view === 'queued'
          ? query.orderBy('c.priority', 'desc').orderBy('c.queued_at', 'asc')
          : query.orderBy('c.updated_at', 'desc');
      const rows = await query.limit(limit).execute();
      return rows.map((row) => toRow(row as Joined));
    },
    /** the rows of several conversations at once (one query however many changed) */
    async findMany(workspaceId: string, conversationIds: readonly string[]): Promise<InboxRow[]> {
      if (conversationIds.length === 0) return [];
      const rows = await base()
        .where('c.workspace_id', '=', workspaceId)
        .where('c.id', 'in', [...conversationIds])
        .execute();
      return rows.map((row) => toRow(row as Joined));
    },
    async findOne(workspaceId: string, conversationId: string): Promise<InboxRow | null> {
      const row = await base()
        .where('c.workspace_id', '=', workspaceId)
        .where('c.id', '=', conversationId)
        .executeTakeFirst();
      return row ? toRow(row as Joined) : null;
    },
  };
}
export type InboxRepository = ReturnType<typeof inboxRepository>;
