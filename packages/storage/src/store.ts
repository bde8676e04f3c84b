import type { Store, TransactionOptions } from '@tandem/domain';
import type { Db } from './database.ts';
import { attachmentRepository } from './repositories/attachments.ts';
import { authRepository } from './repositories/auth.ts';
import { cannedReplyRepository } from './repositories/cannedReplies.ts';
import { contactRepository } from './repositories/contacts.ts';
import { conversationSearchRepository } from './repositories/conversationSearch.ts';
import { conversationRepository } from './repositories/conversations.ts';
import { definitionRepository } from './repositories/definitions.ts';
import { eventRepository } from './repositories/events.ts';
import { historyRepository } from './repositories/history.ts';
import { identityRepository } from './repositories/identity.ts';
import { inboxRepository } from './repositories/inbox.ts';
import { knowledgeRepository } from './repositories/knowledge.ts';
import { messageRepository } from './repositories/messages.ts';
import { peopleRepository } from './repositories/people.ts';
import { routingRepository } from './repositories/routing.ts';
import { serviceRepository } from './repositories/service.ts';
import { setupRepository } from './repositories/setup.ts';
import { supervisorRepository } from './repositories/supervisor.ts';
import { teamRepository } from './repositories/teams.ts';
import { ticketRepository } from './repositories/tickets.ts';
import { userRepository } from './repositories/users.ts';
import { widgetAppearanceRepository } from './repositories/widgetAppearance.ts';
import { workspaceRepository } from './repositories/workspaces.ts';

/** The domain's store plus the read models and admin repositories the server uses. */
export interface SqlStore extends Store {
  attachments: ReturnType<typeof attachmentRepository>;
  auth: ReturnType<typeof authRepository>;
  cannedReplies: ReturnType<typeof cannedReplyRepository>;
  conversationSearch: ReturnType<typeof conversationSearchRepository>;
  definitions: ReturnType<typeof definitionRepository>;
  history: ReturnType<typeof historyRepository>;
  identity: ReturnType<typeof identityRepository>;
  inbox: ReturnType<typeof inboxRepository>;
  knowledge: ReturnType<typeof knowledgeRepository>;
  people: ReturnType<typeof peopleRepository>;
  setup: ReturnType<typeof setupRepository>;
  supervisor: ReturnType<typeof supervisorRepository>;
  widgetAppearance: ReturnType<typeof widgetAppearanceRepository>;
  transaction<T>(work: (store: SqlStore) => Promise<T>, options?: TransactionOptions): Promise<T>;
  db: Db;
}

/** How many times a transaction aborted over a conflict runs in all (see `TransactionOptions.retry`). */
export const CONFLICT_ATTEMPTS = 3;

/** PostgreSQL aborted the transaction over another one: a deadlock or a serialization failure. */
const isConflict = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
};

async function withRetries<T>(run: () => Promise<T>, retry: boolean): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!retry || attempt >= CONFLICT_ATTEMPTS || !isConflict(error)) throw error;
      // the other transaction usually commits within milliseconds; a little jitter keeps two from meeting again
      await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)));
    }
  }
}

/** Builds the repositories over a connection; inside a transaction they share it. */
export function createStore(db: Db, inTransaction = false): SqlStore {
  const transaction = <T>(work: (store: SqlStore) => Promise<T>, options?: TransactionOptions): Promise<T> =>
    inTransaction
      ? work(store)
      : withRetries(
          () => db.transaction().execute((trx) => work(createStore(trx, true))),
          options?.retry === true,
        );
  const atomically = <T>(work: (db: Db) => Promise<T>): Promise<T> =>
    inTransaction ? work(db) : db.transaction().execute(work);
  const store: SqlStore = {
    db,
    workspaces: workspaceRepository(db),
    users: userRepository(db),
    contacts: contactRepository(db),
    conversations: conversationRepository(db),
    messages: messageRepository(db, atomically, inTransaction),
    definitions: definitionRepository(db, atomically),
    events: eventRepository(db),
    teams: teamRepository(db, atomically),
    routing: routingRepository(db),
    service: serviceRepository(db),
    tickets: ticketRepository(db),
    attachments: attachmentRepository(db),
    history: historyRepository(db),
    identity: identityRepository(db),
    auth: authRepository(db),
    cannedReplies: cannedReplyRepository(db),
    conversationSearch: conversationSearchRepository(db),
    inbox: inboxRepository(db),
    knowledge: knowledgeRepository(db),
    people: peopleRepository(db),
    setup: setupRepository(db),
    supervisor: supervisorRepository(db),
    widgetAppearance: widgetAppearanceRepository(db),
    transaction,
  };
  return store;
}
