import type { MessageView } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  botAnswersNext,
  countedLength,
  countUnread,
  currentQuickReplies,
  elderQuickReplies,
  latestTime,
  mergeMessages,
  needsEdit,
  newClientId,
  type PendingMessage,
  sendErrorKey,
  settlePending,
  sortMessages,
  updatePending,
} from './state.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

function msg(
  id: string,
  seq: number,
  options: Partial<Omit<MessageView, 'author'>> & {
    kind?: MessageView['author']['kind'];
    name?: string;
  } = {},
): MessageView {
  const { kind = 'customer', name = null, ...rest } = options;
  return {
    id,
    conversationId: A,
    seq,
    clientId: null,
    author: { kind, name },
    text: `message ${id}`,
    buttons: [],
    notice: null,
    createdAt: `2025-06-01T10:00:${String(seq).padStart(2, '0')}.000Z`,
    ...rest,
  };
}

describe('message ordering and merging', () => {
  it('orders by seq within a conversation', () => {
    const sorted = sortMessages([msg('c', 3), msg('a', 1), msg('b', 2)]);
    expect(sorted.map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders by seq even when clocks disagree', () => {
    const sorted = sortMessages([
      msg('b', 2, { createdAt: '2025-06-01T09:00:00.000Z' }),
      msg('a', 1, { createdAt: '2025-06-01T11:00:00.000Z' }),
    ]);
    expect(sorted.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('puts an earlier conversation before a later one', () => {
    const later = [
      msg('n1', 1, { conversationId: B, createdAt: '2025-06-02T08:00:00.000Z' }),
      msg('n2', 2, { conversationId: B, createdAt: '2025-06-02T08:00:01.000Z' }),
    ];
    const earlier = [msg('o1', 1), msg('o2', 2), msg('o3', 3)];
    expect(sortMessages([...later, ...earlier]).map((m) => m.id)).toEqual(['o1', 'o2', 'o3', 'n1', 'n2']);
  });

  it('keeps one copy per id, the newest copy winning', () => {
    const merged = mergeMessages([msg('a', 1), msg('b', 2)], [msg('b', 2, { text: 'edited' }), msg('c', 3)]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(merged[1]?.text).toBe('edited');
  });

  it('merges a reconnect re-fetch without duplicates, whatever the arrival order', () => {
    const live = [msg('a', 1), msg('c', 3)];
    const refetched = [msg('a', 1), msg('b', 2), msg('c', 3), msg('d', 4)];
    expect(mergeMessages(live, refetched).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeMessages(refetched, live).map((m) => m.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not change its inputs', () => {
    const existing = [msg('b', 2), msg('a', 1)];
    mergeMessages(existing, [msg('c', 3)]);
    expect(existing.map((m) => m.id)).toEqual(['b', 'a']);
  });
});

describe('optimistic sends', () => {
  const pending: PendingMessage[] = [
    { clientId: 'client-one', text: 'one', status: 'sending', error: null },
    { clientId: 'client-two', text: 'two', status: 'failed', error: 'network' },
  ];

  it('drops the pending copy once the server echoes the clientId', () => {
    const left = settlePending(pending, [
      msg('a', 1, { clientId: 'client-one' }),
      msg('b', 2, { kind: 'bot' }),
    ]);
    expect(left.map((p) => p.clientId)).toEqual(['client-two']);
  });

  it('updates one pending message', () => {
    const next = updatePending(pending, 'client-two', { status: 'sending', error: null });
    expect(next[1]).toEqual({ clientId: 'client-two', text: 'two', status: 'sending', error: null });
    expect(next[0]).toBe(pending[0]);
  });

  it('makes clientIds the server accepts', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const id = newClientId();
      expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(50);
  });

  it('counts characters as the server does (trimmed)', () => {
    expect(countedLength('  hi \n')).toBe(2);
  });

  it('explains errors and knows when retrying is pointless', () => {
    expect(sendErrorKey('message_too_long')).toBe('errorTooLong');
    expect(sendErrorKey('rate_limited')).toBe('errorRateLimited');
    expect(sendErrorKey('network')).toBe('errorNetwork');
    expect(sendErrorKey('internal')).toBe('errorGeneric');
    expect(needsEdit('message_too_long')).toBe(true);
    expect(needsEdit('validation_failed')).toBe(true);
    expect(needsEdit('network')).toBe(false);
    expect(needsEdit('rate_limited')).toBe(false);
  });
});

describe('quick replies', () => {
  const buttons = [{ label: 'Track my parcel', payload: 'where is my parcel' }];

  it('offers the latest bot message buttons', () => {
    const messages = [msg('a', 1), msg('b', 2, { kind: 'bot', buttons })];
    expect(currentQuickReplies(messages)).toEqual({ messageId: 'b', buttons });
  });

  it('ignores system notices after the bot message', () => {
    const notice = msg('c', 3, { kind: 'system', notice: { code: 'queued' } });
    expect(currentQuickReplies([msg('b', 2, { kind: 'bot', buttons }), notice])?.messageId).toBe('b');
  });

  it('withdraws them once someone spoke after', () => {
    expect(currentQuickReplies([msg('b', 2, { kind: 'bot', buttons }), msg('c', 3)])).toBeNull();
    expect(
      currentQuickReplies([msg('b', 2, { kind: 'bot', buttons }), msg('c', 3, { kind: 'agent' })]),
    ).toBeNull();
    expect(currentQuickReplies([msg('b', 2, { kind: 'bot' })])).toBeNull();
    expect(currentQuickReplies([])).toBeNull();
  });
});

describe('unread and status helpers', () => {
  const messages = [
    msg('a', 1),
    msg('b', 2, { kind: 'bot' }),
    msg('c', 3, { kind: 'system', notice: { code: 'queued' } }),
    msg('d', 4, { kind: 'agent', name: 'Amy' }),
  ];

  it('counts bot and agent messages after the read marker', () => {
    expect(countUnread(messages, null)).toBe(2);
    expect(countUnread(messages, messages[1]?.createdAt ?? null)).toBe(1);
    expect(countUnread(messages, latestTime(messages))).toBe(0);
  });

  it('finds the latest time', () => {
    expect(latestTime(messages)).toBe(messages[3]?.createdAt);
    expect(latestTime([])).toBeNull();
  });

  it('knows who answers next', () => {
    expect(botAnswersNext(null)).toBe(true);
    expect(botAnswersNext({ id: A, status: 'bot', agentName: null })).toBe(true);
    expect(botAnswersNext({ id: A, status: 'resolved', agentName: null })).toBe(true);
    expect(botAnswersNext({ id: A, status: 'queued', agentName: null })).toBe(false);
    expect(botAnswersNext({ id: A, status: 'assigned', agentName: 'Amy' })).toBe(false);
  });
});

describe('elder-mode quick replies', () => {
  const reply = (label: string, payload = label) => ({ label, payload });

  it('keeps the first two, in the order the bot gave them', () => {
    const buttons = [reply('查物流'), reply('申请退款'), reply('修改地址'), reply('开发票')];
    expect(elderQuickReplies(buttons)).toEqual([reply('查物流'), reply('申请退款')]);
    expect(elderQuickReplies([reply('Track my parcel')])).toEqual([reply('Track my parcel')]);
    expect(elderQuickReplies([])).toEqual([]);
  });

  it('leaves out buttons that only ask for a person (the big person button does that)', () => {
    const zh = [reply('转人工'), reply('查物流'), reply('人工客服'), reply('申请退款'), reply('开发票')];
    expect(elderQuickReplies(zh)).toEqual([reply('查物流'), reply('申请退款')]);
    const en = [reply('Talk to a person', 'talk to a person'), reply('Refund status')];
    expect(elderQuickReplies(en)).toEqual([reply('Refund status')]);
    expect(elderQuickReplies([reply('Person-to-person transfer')])).toHaveLength(1);
  });
});
