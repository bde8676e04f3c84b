import { DomainError } from '@tandem/domain';
import type { WidgetSession, WidgetSessionBody } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { presentWidgetConversation } from '../presenters/conversation.ts';
import { presentMessages } from '../presenters/message.ts';
import { hashToken, newToken } from './tokens.ts';

const MAX_ATTRIBUTES = 30;

/**
 * Starts or resumes a customer's session. A known visitor token resumes the same contact, conversation and
 * history; an unknown one (or one of another workspace) starts a new contact with a fresh token.
 */
export async function startWidgetSession(ctx: AppContext, body: WidgetSessionBody): Promise<WidgetSession> {
  const workspace = await ctx.store.workspaces.findBySlug(body.workspace);
  if (!workspace) throw new DomainError('workspace_not_found', `no workspace "${body.workspace}"`);
  let token = body.visitorToken;
  let contact = token ? await ctx.store.contacts.findByTokenHash(hashToken(token)) : null;
  if (contact && contact.workspaceId !== workspace.id) contact = null;
  if (!contact) {
    token = newToken();
    contact = await ctx.store.contacts.create({
      workspaceId: workspace.id,
      tokenHash: hashToken(token),
      name: body.name ?? null,
      lang: body.locale ?? null,
      attributes: body.attributes ?? {},
    });
  } else {
    // the page's attributes win; the stored set never grows past the protocol's limit of 30 keys
    const fresh = body.attributes;
    const attributes = fresh
      ? Object.fromEntries(
          [
            ...Object.entries(fresh),
            ...Object.entries(contact.attributes).filter(([key]) => !(key in fresh)),
          ].slice(0, MAX_ATTRIBUTES),
        )
      : undefined;
    await ctx.store.contacts.touch(contact.id, {
      ...(body.locale ? { lang: body.locale } : {}),
      ...(body.name ? { name: body.name } : {}),
      ...(attributes ? { attributes } : {}),
    });
  }
  const conversation = await ctx.store.conversations.findLatestForContact(contact.id);
  const messages = conversation ? await ctx.store.messages.listByConversation(conversation.id) : [];
  return {
    visitorToken: token as string,
    contactId: contact.id,
    workspace: { slug: workspace.slug, name: workspace.name },
    conversation: conversation ? await presentWidgetConversation(ctx.store, conversation) : null,
    messages: await presentMessages(ctx.store, workspace.id, messages, 'customer'),
  };
}

/** The contact a visitor token belongs to, or null. */
export async function contactForToken(ctx: AppContext, token: string) {
  return ctx.store.contacts.findByTokenHash(hashToken(token));
}
