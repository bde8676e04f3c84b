/** Simplified Chinese for read receipts and reopening a conversation. */
export const zhReceipts = {
  'receipts.sent': '已发送',
  'receipts.read': '已读',
  'conversation.reopen': '重新打开',
  'conversation.reopening': '正在重新打开…',
  'notice.reopened.by': '会话已由 {name} 重新打开',
  'shortcuts.reopen': '重新打开已解决的会话',
  'error.at_capacity': '您接待的会话已达上限，请先结束一个会话',
  'error.conversation_superseded': '客户之后已发起新的会话，请在新会话中继续',
} as const;
