import type { Conversation } from '@tandem/domain';
import type { TurnOutput } from '@tandem/engine';
import type { AppContext } from '../context.ts';
import { botProvider } from '../llm/botEmbeddings.ts';
import type { ActiveProvider } from '../llm/gateway.ts';
import { llmOf } from '../llm/service.ts';
import { answerFromDocuments } from './answer.ts';

/** What the bot turn stores with a reply the documents gave: its sources and the stream it was written in. */
export interface DocumentTurn {
  turn: TurnOutput;
  meta: Record<string, unknown> | null;
}

/** Turns the documents may answer instead: the bot did not understand, or would hand over for misses alone. */
const uncovered = (turn: TurnOutput) =>
  turn.kind === 'unknown' || (turn.kind === 'handoff' && turn.handover?.reason === 'repeated_miss');

/**
 * After the engine's turn: when the FAQ and intents did not cover the message, the documents may. A found
 * answer replaces the fallback (no miss is counted, no hand-over for misses); a model's answer streams to the
 * customer's widget as it is written (`bot:stream`), and the stored reply carries its sources. Anything else
 * — no relevant passage, the model finding no answer in them — leaves the engine's turn as it was, so the
 * fallback and hand-over policy apply. Provider trouble never reaches the customer (the passage answers).
 */
export async function withDocumentAnswer(
  ctx: AppContext,
  input: {
    conversation: Conversation;
    messageId: string;
    text: string;
    turn: TurnOutput;
  },
): Promise<DocumentTurn> {
  const { turn, conversation } = input;
  if (!uncovered(turn)) return { turn, meta: null };
  if (input.text.trim().length < 2) return { turn, meta: null };
  const llm = llmOf(ctx);
  const workspaceId = conversation.workspaceId;
  const active = await botProvider(ctx, workspaceId);
  // A bot turn holds one of the bot's few turn slots: a slow provider must not fill them all. So a workspace's
  // turns make at most LLM_BOT_CONCURRENCY model calls at once (beyond: the classical or passage answer at
  // once), and each waits at most LLM_BOT_DEADLINE_MS (then the passage answers).
  const inUse = llm.botCalls.get(workspaceId) ?? 0;
  const provider = active && inUse < (ctx.config.llmBotConcurrency ?? 4) ? active : null;
  const timeoutMs = ctx.config.llmBotDeadlineMs ?? 8000;
  if (provider) llm.botCalls.set(workspaceId, inUse + 1);
  try {
    return await answerTurn(ctx, input, provider, timeoutMs);
  } finally {
    if (provider) {
      const left = (llm.botCalls.get(workspaceId) ?? 1) - 1;
      if (left > 0) llm.botCalls.set(workspaceId, left);
      else llm.botCalls.delete(workspaceId);
    }
  }
}

async function answerTurn(
  ctx: AppContext,
  input: { conversation: Conversation; messageId: string; text: string; turn: TurnOutput },
  provider: ActiveProvider | null,
  timeoutMs: number,
): Promise<DocumentTurn> {
  const { turn, conversation } = input;
  const streamId = `doc-${input.messageId}`;
  const llm = llmOf(ctx);
  let streamed = false;
  const send = (text: string, done: boolean, discard: boolean) =>
    llm.streamToContact(conversation.contactId, {
      conversationId: conversation.id,
      streamId,
      text,
      done,
      discard,
    });
  let answer: Awaited<ReturnType<typeof answerFromDocuments>>;
  try {
    answer = await answerFromDocuments(ctx, {
      workspaceId: conversation.workspaceId,
      question: input.text,
      lang: turn.lang,
      provider,
      timeoutMs,
      onText: (soFar) => {
        streamed = true;
        send(soFar, false, false);
      },
    });
  } catch (error) {
    // the documents are extra: a failure leaves the bot's own answer
    ctx.log.error({ err: error, conversationId: conversation.id }, 'could not answer from documents');
    answer = null;
  }
  if (streamed) send(answer?.via === 'model' ? answer.text : '', true, answer?.via !== 'model');
  if (!answer) return { turn, meta: null };
  const buttons = turn.replies.at(-1)?.buttons ?? [];
  return {
    turn: {
      ...turn,
      kind: 'answer',
      replies: [{ text: answer.text, buttons: turn.kind === 'unknown' ? buttons : [] }],
      handover: null,
      confidence: 0,
      // answered: not a miss
      state: { ...turn.state, bot: { ...turn.state.bot, misses: 0 } },
    },
    meta: {
      answeredFrom: 'documents',
      via: answer.via,
      sources: answer.sources,
      ...(streamed && answer.via === 'model' ? { streamId } : {}),
    },
  };
}
