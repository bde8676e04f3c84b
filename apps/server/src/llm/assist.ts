import { DomainError, loadConversation, type Message, type User } from '@tandem/domain';
import type { AnswerSource, draftRewriteBodySchema, Lang } from '@tandem/protocol';
import type { z } from 'zod';
import type { AppContext } from '../context.ts';
import { retrievePassages } from '../documents/retrieve.ts';
import { buildHandoffPacket } from '../handoff/packet.ts';
import { type ActiveProvider, activeProvider, complete } from './gateway.ts';
import { checkAnswer } from './guard.ts';
import { rewritePrompt, type Source, suggestionPrompt, summaryPrompt } from './prompts.ts';

/** Messages of the transcript given to the model (the latest). */
const TRANSCRIPT_MESSAGES = 30;
const MESSAGE_CHARS = 500;

/** The conversation as plain lines for the model: who said what (internal notes are left out). */
function transcriptText(messages: readonly Message[]): string {
  return messages
    .filter((m) => !m.internal && m.text.trim() !== '' && m.authorKind !== 'system')
    .slice(-TRANSCRIPT_MESSAGES)
    .map((m) => `${m.authorKind}: ${m.text.slice(0, MESSAGE_CHARS)}`)
    .join('\n');
}

/** The provider when it is on and allowed to help agents. */
async function assistProvider(ctx: AppContext, workspaceId: string): Promise<ActiveProvider | null> {
  const provider = await activeProvider(ctx, workspaceId);
  return provider?.features.agentAssist ? provider : null;
}

/**
 * A hand-over summary for the person taking the conversation: written by the model when one is on for
 * agent assist, else (or when it fails) the extractive summary of the hand-over packet.
 */
export async function summarizeConversation(ctx: AppContext, user: User, conversationId: string, lang: Lang) {
  const conversation = await loadConversation(ctx.store, user.workspaceId, conversationId);
  const provider = await assistProvider(ctx, user.workspaceId);
  if (provider) {
    const messages = await ctx.store.messages.listByConversation(conversation.id);
    const transcript = transcriptText(messages);
    if (transcript) {
      const result = await complete(ctx, provider, 'summary', summaryPrompt(transcript, lang), {
        maxTokens: 400,
      });
      if (result.ok && result.text.trim())
        return { text: result.text.trim().slice(0, 1500), via: 'model' as const };
    }
  }
  const packet = await buildHandoffPacket(ctx, user, conversation.id, lang);
  return { text: packet.summary.text, via: 'extractive' as const };
}

/**
 * Reply drafts for the customer's last message, grounded in the knowledge base (the bot's best entries) and
 * the documents: one written by the model when it is on, else the best document passages themselves.
 */
export async function suggestReplies(ctx: AppContext, user: User, conversationId: string) {
  const conversation = await loadConversation(ctx.store, user.workspaceId, conversationId);
  const messages = await ctx.store.messages.listByConversation(conversation.id);
  const last = [...messages].reverse().find((m) => m.authorKind === 'customer' && m.text.trim() !== '');
  if (!last) return { drafts: [] };
  const provider = await assistProvider(ctx, user.workspaceId);
  const engine = await ctx.bots.forWorkspace(user.workspaceId);
  const { lang, suggestions } = engine.suggest(last.text, { lang: null, limit: 2 });
  const found = await retrievePassages(ctx, user.workspaceId, last.text, { limit: 3, provider });
  const passages = found.passages.filter((p) => p.coverage >= 0.3 || (p.similarity ?? 0) >= 0.7);
  const sources: Array<Source & { source: AnswerSource }> = [
    ...suggestions.map((s) => ({
      title: s.question,
      heading: '',
      text: s.answer,
      source: { title: s.question, heading: '', url: null },
    })),
    ...passages.map((p) => ({ ...p, source: { title: p.title, heading: p.heading, url: p.url } })),
  ];
  if (provider) {
    const result = await complete(
      ctx,
      provider,
      'suggest',
      suggestionPrompt({ transcript: transcriptText(messages), sources, lang }),
      { maxTokens: 500 },
    );
    const check = result.ok
      ? checkAnswer(result.text, {
          sourcesText: `${sources.map((s) => s.text).join('\n')}\n${transcriptText(messages)}`,
          blocklist: provider.features.blocklist,
          maxChars: provider.features.maxAnswerChars,
          secrets: [],
        })
      : null;
    if (check?.ok) return { drafts: [{ text: check.text, sources: sources.map((s) => s.source) }] };
  }
  return {
    drafts: passages.map((p) => ({
      text: p.text,
      sources: [{ title: p.title, heading: p.heading, url: p.url }],
    })),
  };
}

/** The agent's draft made warmer, more concise or translated by the model; `llm_unavailable` without one. */
export async function rewriteDraft(
  ctx: AppContext,
  user: User,
  conversationId: string,
  body: z.output<typeof draftRewriteBodySchema>,
) {
  await loadConversation(ctx.store, user.workspaceId, conversationId);
  const provider = await assistProvider(ctx, user.workspaceId);
  if (!provider) throw new DomainError('llm_unavailable', 'no language model is on for agent assist');
  const lang: Lang =
    body.action === 'translate' ? (body.target ?? 'en') : /\p{Script=Han}/u.test(body.text) ? 'zh' : 'en';
  const result = await complete(ctx, provider, 'rewrite', rewritePrompt(body.text, body.action, lang), {
    maxTokens: 1500,
  });
  if (!result.ok || !result.text.trim())
    throw new DomainError('llm_unavailable', 'the language model could not rewrite the draft now');
  const check = checkAnswer(result.text, {
    // a rewrite keeps the draft's facts: it may state only what the draft states (a translation says them in
    // other words, so it is held to the blocklist and the length only)
    sourcesText: body.action === 'translate' ? result.text : body.text,
    blocklist: provider.features.blocklist,
    maxChars: 4000,
    secrets: [],
  });
  if (!check.ok)
    throw new DomainError(
      'llm_unavailable',
      'the rewrite added facts the draft does not state; kept the draft',
    );
  return { text: result.text.trim().slice(0, 4000) };
}
