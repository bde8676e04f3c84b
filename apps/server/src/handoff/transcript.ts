import type { Message } from '@tandem/domain';
import { detectHandoffRequest } from '@tandem/engine';
import type { HandoffReason } from '@tandem/protocol';

/** What the bot stored with a reply (apps/server/src/bot/botTurn.ts `botMeta`). */
export interface BotMeta {
  kind: string;
  intent: string | null;
  confidence: number;
  flow: { id: string; outcome: string } | null;
}

/** Reads a bot reply's meta defensively: older rows, or rows written by other code, may lack fields. */
export function botMetaOf(message: Message): BotMeta | null {
  const meta = message.meta;
  if (message.authorKind !== 'bot' || !meta || typeof meta.kind !== 'string') return null;
  const flow = meta.flow as { id?: unknown; outcome?: unknown } | undefined;
  return {
    kind: meta.kind,
    intent: typeof meta.intent === 'string' ? meta.intent : null,
    confidence: typeof meta.confidence === 'number' ? Math.min(1, Math.max(0, meta.confidence)) : 0,
    flow:
      flow && typeof flow.id === 'string' && typeof flow.outcome === 'string'
        ? { id: flow.id, outcome: flow.outcome }
        : null,
  };
}

/** How a customer message was met: answered by the bot or a person, or left for people. */
export type Reply =
  | { by: 'bot'; message: Message; meta: BotMeta; answered: boolean }
  | { by: 'agent'; message: Message }
  | null;

/** A customer message with the reply it got. */
export interface Exchange {
  customer: Message;
  reply: Reply;
  /** the bot or agent message just before it (what the customer was answering), if any */
  before: Message | null;
  /** for an answer to a flow's question, the request that started the flow ("查账单", not "6688") */
  flowStart: Exchange | null;
}

// bot reply client ids name the customer message they answer (botTurn.ts): bot-<message id>-<index>
const BOT_CLIENT_ID = /^bot-(.+)-\d+$/;

/** Turns the bot takes as an answer; `clarify`, `unknown` and `handoff` leave the question to people. */
const ANSWERING = new Set(['answer', 'flow', 'rule', 'greeting', 'blocked']);
const UNFINISHED_FLOW = new Set(['handover', 'failed']);

/**
 * Pairs each customer message with its reply. The bot's replies name the message they answer; a person's
 * reply takes over everything still open before it. `reason`: why the conversation went to people (a staff
 * rule that handed over answered nothing, though its turn reads like a rule's answer).
 */
export function exchanges(messages: readonly Message[], reason: HandoffReason | null): Exchange[] {
  const byId = new Map<string, Exchange>();
  const out: Exchange[] = [];
  let lastSpoken: Message | null = null;
  let pending: Exchange[] = [];
  let lastBotExchange: Exchange | null = null;
  for (const message of messages) {
    if (message.authorKind === 'customer') {
      const exchange: Exchange = { customer: message, reply: null, before: lastSpoken, flowStart: null };
      byId.set(message.id, exchange);
      out.push(exchange);
      pending.push(exchange);
      continue;
    }
    // notices, and notes staff leave each other, say nothing to the customer
    if (message.authorKind === 'system' || isInternal(message)) continue;
    lastSpoken = message;
    if (message.authorKind === 'agent') {
      // a person who replies has read what came before: whatever the bot left open is theirs now
      for (const exchange of out) {
        if (exchange.reply === null || (exchange.reply.by === 'bot' && !exchange.reply.answered))
          exchange.reply = { by: 'agent', message };
      }
      pending = [];
      continue;
    }
    const meta = botMetaOf(message);
    const named = message.clientId?.match(BOT_CLIENT_ID)?.[1];
    const exchange = (named ? byId.get(named) : undefined) ?? pending.at(-1);
    if (!meta || !exchange || exchange.reply) continue;
    const answered = ANSWERING.has(meta.kind) && !(meta.flow && UNFINISHED_FLOW.has(meta.flow.outcome));
    exchange.reply = { by: 'bot', message, meta, answered };
    const previous = lastBotExchange?.reply?.by === 'bot' ? lastBotExchange.reply.meta.flow : null;
    if (meta.flow && previous?.id === meta.flow.id && previous.outcome === 'waiting')
      exchange.flowStart = lastBotExchange?.flowStart ?? lastBotExchange;
    lastBotExchange = exchange;
    pending = pending.filter((p) => p !== exchange);
  }
  if (
    reason === 'rule' &&
    lastBotExchange?.reply?.by === 'bot' &&
    lastBotExchange.reply.meta.kind === 'rule'
  ) {
    lastBotExchange.reply = { ...lastBotExchange.reply, answered: false };
  }
  return out;
}

const isInternal = (message: Message) => 'internal' in message && message.internal === true;

const STANDALONE_REQUEST = 12;

/** A message that only asks for a person ("转人工", "human please"): the reason, not a need. */
export function onlyAsksForPerson(text: string): boolean {
  if (text.length > 80 || detectHandoffRequest(text) !== 'explicit') return false;
  const plain = text.replace(/[\p{P}\p{S}\s]+/gu, '');
  const words = text.trim().split(/\s+/).length;
  return /[\u3400-\u9fff]/.test(plain) ? plain.length <= STANDALONE_REQUEST : words <= 6;
}
