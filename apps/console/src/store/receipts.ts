import type { AgentConversation, Me, MessageView } from '@tandem/protocol';

/** Where one of our messages stands with the customer: shown to them (`read`) or not yet (`sent`). */
export type Receipt = 'sent' | 'read';

/**
 * The receipt of a message in the transcript: only the staff's side (the bot's and people's replies) has one;
 * the customer's own messages, system notices and internal notes (never sent to the customer) have none.
 */
export function receiptOf(message: MessageView, readSeq: number): Receipt | null {
  const kind = message.author.kind;
  if ((kind !== 'agent' && kind !== 'bot') || message.internal === true) return null;
  return message.seq <= readSeq ? 'read' : 'sent';
}

/** The seq of the last message that has a receipt (its receipt is worded; earlier ones are only ticks). */
export function lastReceiptSeq(messages: readonly MessageView[]): number | null {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index];
    if (message && receiptOf(message, 0)) return message.seq;
  }
  return null;
}

/**
 * Whether I may reopen the conversation: resolved (a closed one stays closed), and I served it last, or I am a
 * supervisor or an admin. The server decides again.
 */
export function mayReopen(conversation: AgentConversation, me: Pick<Me, 'id' | 'role'>): boolean {
  if (conversation.status !== 'resolved') return false;
  return conversation.assignee?.id === me.id || me.role === 'admin' || me.role === 'supervisor';
}
