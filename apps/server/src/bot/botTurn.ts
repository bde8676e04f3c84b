import { type Conversation, gradePriority, type NewBotReply, recordBotTurn } from '@tandem/domain';
import type {
  ConversationBotState,
  ConversationEngine,
  EmotionResult,
  SemanticQuery,
  TurnOutput,
} from '@tandem/engine';
import type { AppContext } from '../context.ts';
import { withDocumentAnswer } from '../documents/botHook.ts';
import { botProvider, semanticFor } from '../llm/botEmbeddings.ts';
import type { ActiveProvider } from '../llm/gateway.ts';
import { llmOf } from '../llm/service.ts';
import type { TurnJob } from './turnQueue.ts';

/** The question's embedding for the engine, or nothing (the classical engine alone): never an error for the customer. */
function questionEmbedding(
  ctx: AppContext,
  provider: ActiveProvider | null,
  engine: ConversationEngine,
  text: string,
): Promise<SemanticQuery | null> {
  if (!provider) return Promise.resolve(null);
  return semanticFor(ctx, provider, engine, text, ctx.config.llmEmbedDeadlineMs ?? 1500).catch(
    (error: unknown) => {
      ctx.log.error(
        { err: error, workspaceId: provider.workspaceId },
        'could not use embeddings in a bot turn',
      );
      return null;
    },
  );
}

/** A turn that lost its compare-and-set (another turn answered first) reloads and tries again, this often. */
const ATTEMPTS = 3;

/**
 * The bot answers every customer message it owes in one conversation (usually one): the engine runs on
 * the state stored with the conversation, and the replies, the new state, tags, priority and a hand-over
 * commit in one transaction (`recordBotTurn`), which also decides that the bot is still the assignee.
 * Returns the conversation as the turn left it, or null when nothing was owed.
 */
export async function botTurn(ctx: AppContext, job: TurnJob): Promise<Conversation | null> {
  let conversation = job.conversation ?? (await ctx.store.conversations.findById(job.conversationId));
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (conversation?.status === 'queued') return watchTurn(ctx, job, conversation);
    if (conversation?.status !== 'bot') return conversation;
    // what the bot owes: known from the events that scheduled the turn when they prove it, else read
    const known = attempt === 0 && conversation === job.conversation ? job.knownOwed : null;
    const owed = known ?? (await ctx.store.messages.listCustomerAfter(conversation.id, conversation.botSeq));
    if (owed.length === 0) {
      // marked owed with nothing to answer (a first message that lost a race to a retry): settle it
      if (conversation.customerSeq > conversation.botSeq) {
        await recordBotTurn(ctx.deps, {
          conversation,
          answeredSeq: conversation.customerSeq,
          replies: [],
          botState: conversation.botState,
          tags: [],
          priority: 0,
          handover: null,
        });
      }
      return null;
    }
    const contact = job.contact ?? (await ctx.store.contacts.findById(conversation.contactId));
    const engine = await ctx.bots.forWorkspace(conversation.workspaceId);
    const provider = await botProvider(ctx, conversation.workspaceId);
    let state: ConversationBotState | null = isEngineState(conversation.botState)
      ? conversation.botState
      : null;
    const replies: NewBotReply[] = [];
    const tags: string[] = [];
    let priority = 0;
    let handover: TurnOutput['handover'] = null;
    let keyword = false;
    for (const message of owed) {
      // an attachment alone (an image, a PDF) says nothing the bot can read: it leaves it to people
      if (message.text.trim() === '') continue;
      const emotion = message.meta?.emotionResult as EmotionResult | undefined;
      // the question's embedding as extra evidence, when the workspace's provider gives embeddings
      const semantic = await questionEmbedding(ctx, provider, engine, message.text);
      const engineTurn = await engine.turn(state, {
        text: message.text,
        attributes: contact?.attributes ?? {},
        now: new Date(),
        lang: contact?.lang ?? null,
        ...(emotion ? { emotion } : {}),
        ...(semantic ? { semantic } : {}),
      });
      // what the FAQ and intents did not cover, the documents may (with sources; streamed with a model)
      const { turn, meta: documentMeta } = await withDocumentAnswer(ctx, {
        conversation,
        messageId: message.id,
        text: message.text,
        turn: engineTurn,
      });
      state = turn.state;
      turn.replies.forEach((reply, index) => {
        replies.push({
          clientId: `bot-${message.id}-${index}`,
          text: reply.text,
          buttons: reply.buttons,
          meta: { ...botMeta(turn), ...documentMeta },
        });
      });
      tags.push(...turn.tags);
      priority = Math.max(priority, turn.priority);
      if (turn.handover) {
        // once handed over, a person answers the rest
        handover = turn.handover;
        keyword = turn.handover.reason === 'keyword';
        break;
      }
    }
    const recorded = await recordBotTurn(ctx.deps, {
      conversation,
      answeredSeq: (owed.at(-1) as (typeof owed)[number]).seq,
      replies,
      // (unchanged when every message owed was an attachment alone)
      botState: (state ?? conversation.botState) as unknown as Record<string, unknown>,
      tags,
      priority,
      handover: handover
        ? {
            reason: handover.reason,
            priority: handover.priority,
            target: { tier: handover.tier, team: handover.team ?? null, detail: handover.detail ?? null },
          }
        : null,
      rememberPrefersHuman: keyword ? contact : null,
      ...(contact ? { attributes: contact.attributes } : {}),
    });
    if (recorded) return recorded.conversation;
    // not stored (another turn answered first, or a person took over): what was streamed must not stay
    discardStreams(ctx, conversation, replies);
    conversation = await ctx.store.conversations.findById(job.conversationId);
  }
  return conversation;
}

/**
 * While the customer waits for a person the bot keeps watch over what they write (engine `watch`): live
 * rules, a repeated request for a person, a confident FAQ answer. Stored only while still queued (a person
 * who took it meanwhile answers instead); the queue priority follows a customer who gets more upset.
 */
async function watchTurn(
  ctx: AppContext,
  job: TurnJob,
  conversation: Conversation,
): Promise<Conversation | null> {
  const owed = await ctx.store.messages.listCustomerAfter(conversation.id, conversation.botSeq);
  if (owed.length === 0) return conversation;
  const contact = job.contact ?? (await ctx.store.contacts.findById(conversation.contactId));
  const engine = await ctx.bots.forWorkspace(conversation.workspaceId);
  let state: ConversationBotState | null = isEngineState(conversation.botState)
    ? conversation.botState
    : null;
  const replies: NewBotReply[] = [];
  const tags: string[] = [];
  let botPriority = 0;
  for (const message of owed) {
    if (message.text.trim() === '') continue;
    const emotion = message.meta?.emotionResult as EmotionResult | undefined;
    // (no embeddings while a person is awaited: the watch answers only what the classifier is sure of)
    const watched = await engine.watch(state, {
      text: message.text,
      attributes: contact?.attributes ?? {},
      now: new Date(),
      lang: contact?.lang ?? null,
      ...(emotion ? { emotion } : {}),
    });
    if (!watched) continue;
    state = watched.state;
    tags.push(...watched.tags);
    botPriority = Math.max(botPriority, watched.priority);
    watched.replies.forEach((reply, index) => {
      replies.push({
        clientId: `bot-${message.id}-${index}`,
        text: reply.text,
        buttons: reply.buttons,
        meta: { kind: watched.kind, intent: watched.intent, confidence: watched.confidence, watching: true },
      });
    });
  }
  const recorded = await recordBotTurn(ctx.deps, {
    conversation,
    answeredSeq: (owed.at(-1) as (typeof owed)[number]).seq,
    replies,
    botState: (state ?? conversation.botState) as unknown as Record<string, unknown>,
    tags,
    priority: gradePriority({
      reason: conversation.handoffReason ?? 'customer_request',
      botPriority,
      emotion: conversation.emotion,
      attributes: contact?.attributes ?? {},
    }),
    handover: null,
    watching: true,
  });
  return recorded?.conversation ?? conversation;
}

/** Takes answers streamed to the customer's widget off the screen when their replies were not stored. */
function discardStreams(ctx: AppContext, conversation: Conversation, replies: readonly NewBotReply[]): void {
  const streams = new Set(
    replies.map((r) => r.meta?.streamId).filter((id): id is string => typeof id === 'string'),
  );
  for (const streamId of streams)
    llmOf(ctx).streamToContact(conversation.contactId, {
      conversationId: conversation.id,
      streamId,
      text: '',
      done: true,
      discard: true,
    });
}

const botMeta = (turn: TurnOutput) => ({
  kind: turn.kind,
  intent: turn.intent,
  confidence: turn.confidence,
  ...(turn.flow ? { flow: { id: turn.flow.id, outcome: turn.flow.outcome } } : {}),
});

function isEngineState(
  value: Record<string, unknown>,
): value is Record<string, unknown> & ConversationBotState {
  return typeof value.bot === 'object' && value.bot !== null && Array.isArray(value.emotions);
}
