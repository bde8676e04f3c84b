import type { HandoffPacket, PreviousConversation } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { earlierConversations, showsHandoff } from './handoff.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const previous = (n: number, createdAt: string): PreviousConversation => ({
  id: id(n),
  status: 'resolved',
  createdAt,
  resolvedAt: null,
  handoffReason: null,
  tags: [],
  csat: null,
  messageCount: 2,
  firstMessage: `first ${n}`,
  joinedBy: 'contact',
});
const packet = (previousConversations: PreviousConversation[]) =>
  ({ conversation: { id: id(1) }, previousConversations, tickets: [] }) as unknown as HandoffPacket;

describe('handoff panel', () => {
  it('shows for conversations people hold or that wait for them', () => {
    expect(showsHandoff('assigned')).toBe(true);
    expect(showsHandoff('queued')).toBe(true);
    expect(showsHandoff('bot')).toBe(false);
    expect(showsHandoff('resolved')).toBe(false);
  });

  it('lists earlier conversations newest first, without the open one', () => {
    const list = earlierConversations(
      packet([
        previous(2, '2026-11-01T00:00:00Z'),
        previous(1, '2026-12-01T00:00:00Z'),
        previous(3, '2026-11-20T00:00:00Z'),
      ]),
    );
    expect(list.map((item) => item.firstMessage)).toEqual(['first 3', 'first 2']);
  });
});
