import { describe, expect, it } from 'vitest';
import { noticeText } from '../conversation/notices.ts';
import { translate } from '../i18n.ts';
import { lastReceiptSeq, mayReopen, receiptOf } from './receipts.ts';
import { conversation, message } from './testFixtures.ts';

const agent = (seq: number, internal = false) =>
  message({ seq, author: { kind: 'agent', name: 'Li Na' }, ...(internal ? { internal: true } : {}) });

describe('read receipts', () => {
  it('marks our side’s messages sent or read by the customer’s mark', () => {
    expect(receiptOf(agent(3), 2)).toBe('sent');
    expect(receiptOf(agent(3), 3)).toBe('read');
    expect(receiptOf(message({ seq: 2, author: { kind: 'bot', name: null } }), 5)).toBe('read');
  });

  it('gives the customer’s own messages, notices and internal notes none', () => {
    expect(receiptOf(message({ seq: 1 }), 5)).toBeNull();
    expect(receiptOf(message({ seq: 2, author: { kind: 'system', name: null } }), 5)).toBeNull();
    expect(receiptOf(agent(3, true), 5)).toBeNull();
  });

  it('words the latest of our messages (a later note or customer message does not count)', () => {
    const list = [agent(1), message({ seq: 2 }), agent(3), agent(4, true), message({ seq: 5 })];
    expect(lastReceiptSeq(list)).toBe(3);
    expect(lastReceiptSeq([message({ seq: 1 })])).toBeNull();
  });
});

describe('reopening', () => {
  const me = { id: '00000000-0000-4000-8000-0000000000aa', role: 'agent' as const };
  const resolved = (assigneeId: string | null, status: 'resolved' | 'closed' = 'resolved') =>
    conversation({ status, assignee: assigneeId ? { id: assigneeId, name: 'X' } : null });

  it('is offered to the person who served it, and to supervisors and admins', () => {
    expect(mayReopen(resolved(me.id), me)).toBe(true);
    expect(mayReopen(resolved('someone-else'), me)).toBe(false);
    expect(mayReopen(resolved('someone-else'), { ...me, role: 'supervisor' })).toBe(true);
    expect(mayReopen(resolved(null), { ...me, role: 'admin' })).toBe(true);
  });

  it('is not offered for closed or open conversations', () => {
    expect(mayReopen(resolved(me.id, 'closed'), me)).toBe(false);
    expect(mayReopen(conversation({ status: 'assigned', assignee: { id: me.id, name: 'X' } }), me)).toBe(
      false,
    );
  });

  it('words the notice with who reopened it, in both languages', () => {
    const notice = { code: 'reopened' as const, agentName: '王小明' };
    expect(noticeText(notice, '', (key, vars) => translate('zh', key, vars))).toBe(
      '会话已由 王小明 重新打开',
    );
    expect(noticeText(notice, '', (key, vars) => translate('en', key, vars))).toBe('Reopened by 王小明');
    expect(noticeText({ code: 'reopened' }, '', (key) => translate('en', key))).toBe(
      'The customer reopened the conversation',
    );
  });
});
