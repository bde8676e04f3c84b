import { DomainError, openConversationFor, postCustomerMessage, requestHuman } from '@tandem/domain';
import {
  PROTOCOL_VERSION,
  typingSchema,
  type WidgetClientEvents,
  type WidgetServerEvents,
  widgetAuthSchema,
  widgetHandoffSchema,
  widgetSendSchema,
} from '@tandem/protocol';
import type { Namespace, Server } from 'socket.io';
import type { AppContext } from '../context.ts';
import { presentWidgetConversation } from '../presenters/conversation.ts';
import { presentMessage } from '../presenters/message.ts';
import { readEmotion, recordEmotion } from '../services/insight.ts';
import { rememberPrefersHuman } from '../services/preferences.ts';
import { contactForToken } from '../services/widgetSession.ts';
import { createHandler } from './handle.ts';
import { rooms } from './rooms.ts';

export type WidgetNamespace = Namespace<WidgetClientEvents, WidgetServerEvents>;

const socketError = (code: string, message: string) =>
  Object.assign(new Error(message), { data: { code, message } });

/** `/widget`: customers, authenticated by their visitor token; each socket sees only its own contact's room. */
export function setupWidgetNamespace(io: Server, ctx: AppContext): WidgetNamespace {
  const nsp: WidgetNamespace = io.of('/widget');

  nsp.use(async (socket, next) => {
    const auth = widgetAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(socketError('unauthenticated', 'a visitor token is required'));
    if (auth.data.protocol !== undefined && auth.data.protocol !== PROTOCOL_VERSION) {
      return next(
        socketError('protocol_mismatch', `server speaks protocol ${PROTOCOL_VERSION}; reload the page`),
      );
    }
    let contact: Awaited<ReturnType<typeof contactForToken>>;
    try {
      contact = await contactForToken(ctx, auth.data.visitorToken);
    } catch (error) {
      ctx.log.error({ err: error }, 'widget socket authentication failed');
      return next(socketError('internal', 'something went wrong on our side; please try again'));
    }
    if (!contact) return next(socketError('unauthenticated', 'unknown visitor token; start a new session'));
    socket.data.contactId = contact.id;
    socket.data.workspaceId = contact.workspaceId;
    next();
  });

  nsp.on('connection', (socket) => {
    const contactId = socket.data.contactId as string;
    void socket.join(rooms.contact(contactId));
    const on = createHandler(ctx, socket);
    const loadContact = async () => {
      const contact = await ctx.store.contacts.findById(contactId);
      if (!contact) throw new DomainError('unauthenticated', 'this visitor no longer exists');
      return contact;
    };

    on('message:send', widgetSendSchema, async (payload) => {
      const contact = await loadContact();
      const emotion = readEmotion(payload.text, payload.lang ?? contact.lang);
      const conversation = await openConversationFor(ctx.deps, contact, {});
      await recordEmotion(ctx, conversation, emotion.view, new Date());
      const { message } = await postCustomerMessage(ctx.deps, {
        contact,
        clientId: payload.clientId,
        text: payload.text,
        lang: payload.lang ?? null,
        meta: { emotion: emotion.view },
        initialBotState: {},
      });
      return { message: presentMessage(message, new Map(), 'customer') };
    });

    on('handoff:request', widgetHandoffSchema, async (payload) => {
      const contact = await loadContact();
      if (payload.lang && payload.lang !== contact.lang)
        await ctx.store.contacts.touch(contact.id, { lang: payload.lang });
      const conversation = await openConversationFor(ctx.deps, contact, {});
      await rememberPrefersHuman(ctx, contact);
      const handed = await requestHuman(ctx.deps, {
        conversation,
        reason: 'customer_request',
        actor: { kind: 'customer', contactId: contact.id },
      });
      return { conversation: await presentWidgetConversation(ctx.store, handed) };
    });

    on('typing', typingSchema, async (payload) => {
      const conversation = await ctx.store.conversations.findLatestForContact(contactId);
      if (conversation) {
        io.of('/agent')
          .to(rooms.conversation(conversation.id))
          .emit('typing', { conversationId: conversation.id, author: 'customer', typing: payload.typing });
      }
      return null;
    });
  });
  return nsp;
}
