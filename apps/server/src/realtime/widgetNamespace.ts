import {
  type Contact,
  customerRequestsHuman,
  leaveMessage,
  markReadByCustomer,
  rateConversation,
  receiveCustomerMessage,
} from '@tandem/domain';
import {
  csatSchema,
  PROTOCOL_VERSION,
  ticketCreateSchema,
  typingSchema,
  type WidgetClientEvents,
  type WidgetServerEvents,
  widgetAuthSchema,
  widgetHandoffSchema,
  widgetReadSchema,
  widgetSendSchema,
  widgetSyncSchema,
} from '@tandem/protocol';
import type { Namespace, Server } from 'socket.io';
import type { AppContext } from '../context.ts';
import { presentWidgetConversation } from '../presenters/conversation.ts';
import { presentMessage, presentMessages } from '../presenters/message.ts';
import { contactForToken } from '../services/widgetSession.ts';
import { createHandler } from './handle.ts';
import { releaseHandshakeRequest, safeConnection, safeMiddleware, socketError } from './middleware.ts';
import { rooms } from './rooms.ts';

export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents>;

/**
 * `/widget`: customers, authenticated by their visitor token; each socket sees only its own contact's room.
 * Handlers are thin: validate, one domain command, present. The contact read at connection travels with
 * the socket (and in the command's events), so a message costs no contact look-up.
 */
export function setupWidgetNamespace(io: Server, ctx: AppContext): WidgetNamespace {
  const nsp: WidgetNamespace = io.of('/widget');

  nsp.use(
    safeMiddleware(ctx, async (socket, next) => {
      const auth = widgetAuthSchema.safeParse(socket.handshake.auth);
      if (!auth.success) return next(socketError('unauthenticated', 'a visitor token is required'));
      if (auth.data.protocol !== undefined && auth.data.protocol !== PROTOCOL_VERSION) {
        return next(
          socketError('protocol_mismatch', `server speaks protocol ${PROTOCOL_VERSION}; reload the page`),
        );
      }
      const contact = await contactForToken(ctx, auth.data.visitorToken);
      if (!contact) return next(socketError('unauthenticated', 'unknown visitor token; start a new session'));
      socket.data.contact = contact;
      next();
    }),
  );

  nsp.on(
    'connection',
    safeConnection(ctx, (socket) => {
      let contact = socket.data.contact as Contact;
      releaseHandshakeRequest(socket);
      void socket.join(rooms.contact(contact.id));
      // a reply put aside while this customer was away is computed now
      ctx.botTurns.resume(contact.id);
      const on = createHandler(ctx, socket);

      on('message:send', widgetSendSchema, async (payload) => {
        const received = await receiveCustomerMessage(ctx.deps, {
          contact,
          clientId: payload.clientId,
          text: payload.text ?? '',
          lang: payload.lang ?? null,
          ...(payload.attachmentIds?.length ? { attachmentIds: payload.attachmentIds } : {}),
        });
        if (payload.lang && payload.lang !== contact.lang) contact = { ...contact, lang: payload.lang };
        return { message: presentMessage(received.message, new Map(), 'customer', ctx.attachments) };
      });

      on('handoff:request', widgetHandoffSchema, async (payload) => {
        if (payload.lang && payload.lang !== contact.lang) {
          await ctx.store.contacts.touch(contact.id, { lang: payload.lang });
          contact = { ...contact, lang: payload.lang };
        }
        const handed = await customerRequestsHuman(ctx.deps, { contact, remember: true });
        if (handed.status === 'queued') {
          ctx.router.resend(handed.id);
          ctx.router.schedule(handed.workspaceId);
        }
        contact = { ...contact, attributes: { ...contact.attributes, prefersHuman: true } };
        return { conversation: await presentWidgetConversation(ctx.store, handed) };
      });

      // after a reconnect: everything after the last sequence number the client has
      on('sync', widgetSyncSchema, async ({ afterSeq }) => {
        const conversation = await ctx.store.conversations.findLatestForContact(contact.id);
        if (!conversation) return { conversation: null, messages: [] };
        if (conversation.status === 'queued') {
          // a customer back while waiting is told their place again
          ctx.router.resend(conversation.id);
          ctx.router.schedule(conversation.workspaceId);
        }
        const messages = await ctx.store.messages.listByConversation(conversation.id, { afterSeq });
        return {
          conversation: await presentWidgetConversation(ctx.store, conversation),
          messages: await presentMessages(
            ctx.store,
            contact.workspaceId,
            messages,
            'customer',
            ctx.attachments,
          ),
        };
      });

      on('ticket:create', ticketCreateSchema, async (payload) => {
        const ticket = await leaveMessage(ctx.deps, {
          contact,
          name: payload.name ?? contact.name,
          email: payload.email ?? null,
          phone: payload.phone ?? null,
          message: payload.message,
        });
        return { ticket: { id: ticket.id, status: ticket.status } };
      });

      on('csat:submit', csatSchema, async (payload) => {
        const rated = await rateConversation(ctx.deps, {
          contact,
          conversationId: payload.conversationId,
          score: payload.score,
          comment: payload.comment,
        });
        return { conversation: await presentWidgetConversation(ctx.store, rated) };
      });

      // read receipts: what the widget has shown the customer (the mark never moves back)
      on('message:read', widgetReadSchema, async (payload) => {
        const { seq } = await markReadByCustomer(ctx.deps, { contact, ...payload });
        return { seq };
      });

      on('typing', typingSchema, async (payload) => {
        const conversation = await ctx.store.conversations.findLatestForContact(contact.id);
        if (conversation) {
          io.of('/agent')
            .to(rooms.conversation(conversation.id))
            .emit('typing', { conversationId: conversation.id, author: 'customer', typing: payload.typing });
        }
        return null;
      });
    }),
  );
  return nsp;
}
