import { type Attributes, DomainError } from '@tandem/domain';
import type { WidgetSession, WidgetSessionBody } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { presentWidgetConversation } from '../presenters/conversation.ts';
import { presentMessages } from '../presenters/message.ts';
import { verifyIdentity } from './identity.ts';
import { hashToken, newToken } from './tokens.ts';
import { toAppearance } from './widgetAppearance.ts';

const MAX_ATTRIBUTES = 30;

/** Set only from a verified identity: never taken from the page's plain attributes. */
const IDENTITY_KEYS = new Set(['customerId', 'identityVerified']);

const withoutIdentity = (attributes: Attributes): Array<[string, string | number | boolean]> =>
  Object.entries(attributes).filter(([key]) => !IDENTITY_KEYS.has(key));

/** The verified identity a contact already has (from an earlier signed session), or null. */
function storedIdentity(attributes: Attributes): string | null {
  const id = attributes.customerId;
  return attributes.identityVerified === true && typeof id === 'string' ? id : null;
}

/**
 * Starts or resumes a customer's session. A known visitor token resumes the same contact, conversation and
 * history; an unknown one (or one of another workspace) starts a new contact with a fresh token.
 *
 * `customerId` reaches the contact only from a signed `identity` (see services/identity.ts): an invalid
 * signature is refused with `identity_invalid` before anything is stored, and a `customerId` or
 * `identityVerified` among the page's plain attributes is dropped. A verified contact is resumed only with a
 * valid identity of the same customer; any other session (no identity, another customer's, or one signed
 * with a rotated-out secret and retried anonymously) starts a new contact, so nobody sees a verified
 * customer's conversation or acts under their id without a fresh signature.
 */
export async function startWidgetSession(ctx: AppContext, body: WidgetSessionBody): Promise<WidgetSession> {
  // the workspace and its widget's look in one read: not cached, so a look an admin saved shows in the next
  // session on every server process
  const found = await ctx.store.widgetAppearance.workspaceBySlug(body.workspace);
  if (!found) throw new DomainError('workspace_not_found', `no workspace "${body.workspace}"`);
  const { workspace } = found;
  if (body.identity) await verifyIdentity(ctx, workspace.id, body.identity);
  const verifiedId = body.identity?.customerId ?? null;
  let token = body.visitorToken;
  let contact = token ? await ctx.store.contacts.findByTokenHash(hashToken(token)) : null;
  if (contact && contact.workspaceId !== workspace.id) contact = null;
  const previousId = contact ? storedIdentity(contact.attributes) : null;
  // a verified contact is resumed only by a valid identity of the same customer: without one (signed out,
  // a shared browser, a secret rotated after a leak) the visitor starts afresh, anonymous or as the new id
  if (contact && previousId && verifiedId !== previousId) contact = null;
  const fresh = body.attributes ? withoutIdentity(body.attributes) : null;
  const identityId = verifiedId;
  const identity: Array<[string, string | boolean]> = identityId
    ? [
        ['customerId', identityId],
        ['identityVerified', true],
      ]
    : [];
  const created = !contact;
  if (!contact) {
    token = newToken();
    contact = await ctx.store.contacts.create({
      workspaceId: workspace.id,
      tokenHash: hashToken(token),
      name: body.name ?? null,
      lang: body.locale ?? null,
      attributes: Object.fromEntries([...identity, ...(fresh ?? [])].slice(0, MAX_ATTRIBUTES)),
    });
  } else {
    // the verified identity first, then the page's attributes (they win over stored ones); the stored set
    // never grows past the protocol's limit of 30 keys. An unverified stored customerId (older data) goes.
    const stored = withoutIdentity(contact.attributes);
    const unverified = stored.length + identity.length !== Object.keys(contact.attributes).length;
    const freshKeys = new Set((fresh ?? []).map(([key]) => key));
    const attributes =
      fresh || verifiedId || unverified
        ? Object.fromEntries(
            [...identity, ...(fresh ?? []), ...stored.filter(([key]) => !freshKeys.has(key))].slice(
              0,
              MAX_ATTRIBUTES,
            ),
          )
        : undefined;
    const patch = {
      ...(body.locale ? { lang: body.locale } : {}),
      ...(body.name ? { name: body.name } : {}),
      ...(attributes ? { attributes } : {}),
    };
    await ctx.store.contacts.touch(contact.id, patch);
    contact = { ...contact, ...patch };
  }
  ctx.contacts.set(hashToken(token as string), contact);
  // a new visitor has no history: nothing to read
  const conversation = created ? null : await ctx.store.conversations.findLatestForContact(contact.id);
  const messages = conversation ? await ctx.store.messages.listByConversation(conversation.id) : [];
  return {
    visitorToken: token as string,
    contactId: contact.id,
    workspace: { slug: workspace.slug, name: workspace.name },
    conversation: conversation ? await presentWidgetConversation(ctx.store, conversation) : null,
    messages: await presentMessages(ctx.store, workspace.id, messages, 'customer', ctx.attachments),
    attachmentMaxBytes: ctx.config.attachmentMaxBytes,
    appearance: toAppearance(found.appearance),
  };
}

/** The contact a visitor token belongs to, or null. */
export async function contactForToken(ctx: AppContext, token: string) {
  const hash = hashToken(token);
  const cached = ctx.contacts.get(hash);
  if (cached) return cached;
  const contact = await ctx.store.contacts.findByTokenHash(hash);
  if (contact) ctx.contacts.set(hash, contact);
  return contact;
}
