import type { BotStream, MessageView } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  afterSendFailure,
  applyStream,
  botAnswersNext,
  countedLength,
  countUnread,
  currentQuickReplies,
  elderQuickReplies,
  fileSize,
  isTransient,
  lastSeq,
  latestTime,
  MAX_SEND_TRIES,
  mergeMessages,
  needsEdit,
  newClientId,
  type PendingMessage,
  retryDelay,
  sendErrorKey,
  settlePending,
  sortMessages,
  toResend,
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
    { clientId: 'client-one', text: 'one', status: 'sending', error: null, tries: 0 },
    { clientId: 'client-two', text: 'two', status: 'failed', error: 'network', tries: 6 },
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
    expect(next[1]).toEqual({
      clientId: 'client-two',
      text: 'two',
      status: 'sending',
      error: null,
      tries: 6,
    });
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

  it('explains refused attachments (they are not sent again) and says sizes briefly', () => {
    expect(sendErrorKey('unsupported_media')).toBe('errorFileType');
    expect(sendErrorKey('payload_too_large')).toBe('errorFileSize');
    expect(needsEdit('unsupported_media')).toBe(true);
    expect(needsEdit('payload_too_large')).toBe(true);
    expect(needsEdit('not_found')).toBe(false);
    expect(
      toResend([{ clientId: 'u', text: '', status: 'sending', error: null, tries: 0, progress: 40 }]),
    ).toEqual([]);
    expect(fileSize(230)).toBe('1 KB');
    expect(fileSize(300_000)).toBe('300 KB');
    expect(fileSize(5 * 1024 * 1024)).toBe('5.2 MB');
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
    expect(botAnswersNext({ id: A, status: 'bot', agentName: null, rated: false, ratable: true })).toBe(true);
    expect(botAnswersNext({ id: A, status: 'resolved', agentName: null, rated: false, ratable: true })).toBe(
      true,
    );
    expect(botAnswersNext({ id: A, status: 'queued', agentName: null, rated: false, ratable: true })).toBe(
      false,
    );
    expect(botAnswersNext({ id: A, status: 'assigned', agentName: 'Amy', rated: false, ratable: true })).toBe(
      false,
    );
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

describe('automatic resending', () => {
  const middle = () => 0.5;

  it('resends what got no answer, or was turned away for now, and nothing refused for its content', () => {
    for (const error of ['network', 'busy', 'rate_limited'] as const) expect(isTransient(error)).toBe(true);
    for (const error of ['message_too_long', 'validation_failed', 'internal', 'unauthenticated'] as const) {
      expect(isTransient(error)).toBe(false);
    }
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, then stays at 8 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((tries) => retryDelay(tries, middle))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000, 8000,
    ]);
    expect(retryDelay(0, middle)).toBe(1000);
  });

  it('spreads resends by ±25 % so widgets turned away together do not return together', () => {
    expect(retryDelay(1, () => 0)).toBe(750);
    expect(retryDelay(1, () => 0.999_999)).toBe(1250);
    expect(retryDelay(4, () => 0)).toBe(6000);
    expect(retryDelay(4, () => 0.999_999)).toBe(10_000);
  });

  it(`tries a transient failure ${MAX_SEND_TRIES} times in all, then shows it as failed`, () => {
    for (let tries = 1; tries < MAX_SEND_TRIES; tries += 1) {
      expect(afterSendFailure('busy', tries, middle)).toEqual({
        next: 'retry',
        delayMs: retryDelay(tries, middle),
      });
      expect(afterSendFailure('network', tries, middle).next).toBe('retry');
      expect(afterSendFailure('rate_limited', tries, middle).next).toBe('retry');
    }
    expect(afterSendFailure('busy', MAX_SEND_TRIES)).toEqual({ next: 'failed' });
    expect(afterSendFailure('network', MAX_SEND_TRIES + 1)).toEqual({ next: 'failed' });
  });

  it('gives text refused for its content back at once, and fails other refusals at once', () => {
    expect(afterSendFailure('message_too_long', 1)).toEqual({ next: 'edit' });
    expect(afterSendFailure('validation_failed', 1)).toEqual({ next: 'edit' });
    expect(afterSendFailure('bad_request', 3)).toEqual({ next: 'edit' });
    expect(afterSendFailure('internal', 1)).toEqual({ next: 'failed' });
    expect(afterSendFailure('protocol_mismatch', 1)).toEqual({ next: 'failed' });
  });

  it('on reconnect resends everything unacknowledged, except what failed for good', () => {
    const item = (clientId: string, status: PendingMessage['status'], error: PendingMessage['error']) => ({
      clientId,
      text: clientId,
      status,
      error,
      tries: 1,
    });
    const pending = [
      item('first-try', 'sending', null),
      item('busy-waits', 'sending', 'busy'),
      item('gave-up-offline', 'failed', 'network'),
      item('gave-up-busy', 'failed', 'busy'),
      item('server-fault', 'failed', 'internal'),
      item('old-widget', 'failed', 'protocol_mismatch'),
    ];
    expect(toResend(pending).map((p) => p.clientId)).toEqual([
      'first-try',
      'busy-waits',
      'gave-up-offline',
      'gave-up-busy',
    ]);
  });

  it('catches up after the last seq held of the current conversation', () => {
    const messages = [msg('a', 1), msg('b', 7), msg('c', 3), msg('d', 12, { conversationId: B })];
    expect(lastSeq(messages, A)).toBe(7);
    expect(lastSeq(messages, B)).toBe(12);
    expect(lastSeq(messages, null)).toBe(0);
    expect(lastSeq([], A)).toBe(0);
  });

  it('explains a message that stayed busy', () => {
    expect(sendErrorKey('busy')).toBe('errorBusy');
  });
});

describe('a bot answer streamed in pieces (bot:stream)', () => {
  const event = (seq: number, text: string, more: Partial<BotStream> = {}): BotStream => ({
    conversationId: A,
    streamId: 's1',
    seq,
    text,
    append: seq > 0,
    done: false,
    discard: false,
    ...more,
  });
  const play = (events: BotStream[], from: BotStream | null = null) =>
    events.reduce<BotStream | null>(applyStream, from);

  it('appends each piece that follows the one before it', () => {
    const shown = play([
      event(0, '每三个月除垢一次。'),
      event(1, '按住清洁键。'),
      event(2, '', { done: true }),
    ]);
    expect(shown).toMatchObject({ text: '每三个月除垢一次。按住清洁键。', seq: 2, done: true });
  });

  it('after a missed piece keeps what it has until the whole text comes again', () => {
    const frozen = play([event(0, 'A。'), event(2, 'C。'), event(3, 'D。')]);
    expect(frozen?.text).toBe('A。');
    // a reconnect: the whole text so far once, then the pieces after it
    const caught = play([event(3, 'A。B。C。D。', { append: false }), event(4, 'E。')], frozen);
    expect(caught?.text).toBe('A。B。C。D。E。');
    // pieces of a stream it never saw begin nothing
    expect(play([event(1, 'B。'), event(2, 'C。')])).toBeNull();
  });

  it('a discard takes the answer away', () => {
    expect(applyStream(play([event(0, 'A。')]), event(1, '', { discard: true, done: true }))).toBeNull();
  });
});
