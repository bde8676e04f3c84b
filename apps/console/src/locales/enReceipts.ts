import type { zhReceipts } from './zhReceipts.ts';

/** English for read receipts and reopening a conversation: exactly the Chinese keys. */
export const enReceipts: Record<keyof typeof zhReceipts, string> = {
  'receipts.sent': 'Sent',
  'receipts.read': 'Read',
  'conversation.reopen': 'Reopen',
  'conversation.reopening': 'Reopening…',
  'notice.reopened.by': 'Reopened by {name}',
  'shortcuts.reopen': 'Reopen a resolved conversation',
  'error.at_capacity': 'You are already serving as many conversations as you can take. Finish one first.',
  'error.conversation_superseded':
    'The customer has started a newer conversation since. Continue in that one.',
};
