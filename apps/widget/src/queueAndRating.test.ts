import type { MessageView, QueueStatus, WidgetConversation } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { csatStep, type PendingMessage, queueText, waitText } from './state.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const queue = (position: number, wait: number | null, agentsOnline = 1): QueueStatus => ({
  conversationId: A,
  position,
  estimatedWaitSeconds: wait,
  agentsOnline,
});

describe('the queue line', () => {
  it('rounds the estimated wait sensibly', () => {
    expect(waitText('en', 0)).toBe('less than a minute');
    expect(waitText('en', 59)).toBe('less than a minute');
    expect(waitText('zh', 45)).toBe('不到 1 分钟');
    expect(waitText('en', 60)).toBe('about a minute');
    expect(waitText('en', 89)).toBe('about a minute');
    expect(waitText('zh', 80)).toBe('约 1 分钟');
    expect(waitText('en', 90)).toBe('about 2 minutes');
    expect(waitText('en', 180)).toBe('about 3 minutes');
    expect(waitText('zh', 200)).toBe('约 3 分钟');
    expect(waitText('en', 10 * 60)).toBe('about 10 minutes');
    // above ten minutes, to the nearest five
    expect(waitText('en', 13 * 60)).toBe('about 15 minutes');
    expect(waitText('zh', 22 * 60)).toBe('约 20 分钟');
    expect(waitText('en', 115 * 60)).toBe('about 115 minutes');
    // from two hours on, in hours
    expect(waitText('en', 118 * 60)).toBe('about 2 hours');
    expect(waitText('en', 2 * 3600)).toBe('about 2 hours');
    expect(waitText('zh', 3.4 * 3600)).toBe('约 3 小时');
  });

  it('says the place in line and the wait, in both languages', () => {
    expect(queueText('zh', queue(3, 180))).toBe('您前面还有 2 位，预计等待约 3 分钟');
    expect(queueText('en', queue(3, 180))).toBe('You are number 3 in line, about 3 minutes');
    expect(queueText('zh', queue(1, 30))).toBe('下一位就是您，预计等待不到 1 分钟');
    expect(queueText('en', queue(1, 30))).toBe("You're next, less than a minute");
  });

  it('leaves out an estimate it does not have while people are online', () => {
    expect(queueText('zh', queue(2, null, 3))).toBe('您前面还有 1 位');
    expect(queueText('en', queue(1, null, 3))).toBe("You're next");
  });

  it('says nobody is available when nobody is online (the line then offers leaving a message)', () => {
    for (const position of [1, 4]) {
      expect(queueText('zh', queue(position, null, 0))).toBe('暂无客服在线');
      expect(queueText('en', queue(position, null, 0))).toBe('Nobody is available right now');
    }
  });
});

describe('the rating prompt', () => {
  it('is not shown for a conversation no person served', () => {
    const botOnly: WidgetConversation = {
      id: A,
      status: 'closed',
      agentName: null,
      rated: false,
      ratable: false,
    };
    expect(csatStep(botOnly, [], [], null, null)).toBeNull();
  });

  const conv = (status: WidgetConversation['status'], rated = false, id = A): WidgetConversation => ({
    id,
    status,
    agentName: 'Amy',
    rated,
    ratable: true,
  });
  const message = (conversationId: string, seq: number): MessageView => ({
    id: `${conversationId}-${seq}`,
    conversationId,
    seq,
    clientId: null,
    author: { kind: 'system', name: null },
    text: '',
    buttons: [],
    notice: { code: 'resolved' },
    createdAt: `2025-06-01T10:00:0${seq}.000Z`,
  });
  const messages = [message(A, 1), message(A, 2)];
  const sending: PendingMessage = {
    clientId: 'w123456789',
    text: 'hi',
    status: 'sending',
    error: null,
    tries: 0,
  };

  it('asks once the conversation ended, not before', () => {
    expect(csatStep(null, [], [], null, null)).toBeNull();
    for (const status of ['bot', 'queued', 'assigned'] as const) {
      expect(csatStep(conv(status), messages, [], null, null)).toBeNull();
    }
    expect(csatStep(conv('resolved'), messages, [], null, null)).toBe('ask');
    expect(csatStep(conv('closed'), messages, [], null, null)).toBe('ask');
    expect(csatStep(conv('resolved'), [], [], null, null)).toBe('ask');
  });

  it('does not ask again for a conversation rated here or elsewhere', () => {
    expect(csatStep(conv('resolved', true), messages, [], null, null)).toBeNull();
    expect(csatStep(conv('resolved'), messages, [], A, null)).toBeNull();
    // a rating remembered for an older conversation does not silence this one
    expect(csatStep(conv('resolved', false, B), [message(B, 1)], [], A, null)).toBe('ask');
  });

  it('follows this page view’s submission: sending, failed, then thanks (even once rated)', () => {
    expect(csatStep(conv('resolved'), messages, [], null, { id: A, step: 'sending' })).toBe('sending');
    expect(csatStep(conv('resolved'), messages, [], null, { id: A, step: 'failed' })).toBe('failed');
    expect(csatStep(conv('resolved', true), messages, [], A, { id: A, step: 'thanks' })).toBe('thanks');
    // a submission about another conversation does not count for this one
    expect(csatStep(conv('resolved'), messages, [], null, { id: B, step: 'thanks' })).toBe('ask');
  });

  it('goes away as soon as the customer writes again or a new conversation began', () => {
    expect(csatStep(conv('resolved'), messages, [sending], null, null)).toBeNull();
    expect(csatStep(conv('resolved'), [...messages, message(B, 1)], [], null, null)).toBeNull();
    expect(csatStep(conv('resolved'), messages, [sending], A, { id: A, step: 'thanks' })).toBeNull();
  });
});
