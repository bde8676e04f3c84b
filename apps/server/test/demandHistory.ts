import { randomUUID } from 'node:crypto';
import type { Db } from '@tandem/storage';

/** One line of a hand-built conversation: who said it, and what the bot decided or the customer felt. */
export type Line =
  | { customer: string; polarity?: 'negative' | 'neutral' | 'positive' }
  | { bot: string; kind: string; intent?: string | null; confidence?: number }
  | { agent: string };

export interface HandBuilt {
  teamId?: string | null;
  /** why it went to people (null: the bot kept it) */
  handoff?: string | null;
  /** when it started; its lines follow a second apart */
  at: Date;
  lines: Line[];
}

/**
 * Writes a conversation as the message path would have stored it (bot replies name the customer message
 * they answer in their client id), with the times given: demand mining reads stored history, and these
 * tests need known histories across weeks.
 */
export async function writeConversation(db: Db, workspaceId: string, c: HandBuilt): Promise<string> {
  const contactId = randomUUID();
  const conversationId = randomUUID();
  const end = new Date(c.at.getTime() + c.lines.length * 1000);
  await db
    .insertInto('contacts')
    .values({
      id: contactId,
      workspace_id: workspaceId,
      visitor_token_hash: randomUUID(),
      name: null,
      lang: null,
      attributes: '{}',
      created_at: c.at,
      last_seen_at: end,
    })
    .execute();
  await db
    .insertInto('conversations')
    .values({
      id: conversationId,
      workspace_id: workspaceId,
      contact_id: contactId,
      status: c.handoff ? 'resolved' : 'bot',
      bot_state: '{}',
      team_id: c.teamId ?? null,
      handoff_reason: (c.handoff ?? null) as never,
      last_seq: c.lines.length,
      created_at: c.at,
      updated_at: end,
    })
    .execute();
  let lastCustomer: string | null = null;
  for (const [i, line] of c.lines.entries()) {
    const id = randomUUID();
    const base = {
      id,
      conversation_id: conversationId,
      workspace_id: workspaceId,
      seq: i + 1,
      buttons: '[]',
      notice: 'null',
      created_at: new Date(c.at.getTime() + i * 1000),
    };
    if ('customer' in line) {
      lastCustomer = id;
      await db
        .insertInto('messages')
        .values({
          ...base,
          client_id: randomUUID(),
          author_kind: 'customer',
          author_id: contactId,
          text: line.customer,
          meta: JSON.stringify({
            emotion: {
              state: 'neutral',
              basic: 'neutral',
              polarity: line.polarity ?? 'neutral',
              intensity: 0,
            },
          }),
        })
        .execute();
    } else if ('bot' in line) {
      await db
        .insertInto('messages')
        .values({
          ...base,
          client_id: `bot-${lastCustomer}-0`,
          author_kind: 'bot',
          author_id: null,
          text: line.bot,
          meta: JSON.stringify({
            kind: line.kind,
            intent: line.intent ?? null,
            confidence: line.confidence ?? 0.9,
          }),
        })
        .execute();
    } else {
      await db
        .insertInto('messages')
        .values({
          ...base,
          client_id: randomUUID(),
          author_kind: 'agent',
          author_id: null,
          text: line.agent,
          meta: null,
        })
        .execute();
    }
  }
  return conversationId;
}
