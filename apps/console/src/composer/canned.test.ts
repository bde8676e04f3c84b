import type { CannedReplyView } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { matchCanned } from './useCannedReplies.ts';

const reply = (shortcut: string, title: string, body: string): CannedReplyView => ({
  id: `00000000-0000-4000-8000-${shortcut.length.toString().padStart(12, '0')}`,
  scope: 'workspace',
  team: null,
  owner: null,
  shortcut,
  title,
  body,
  lang: null,
  editable: false,
  createdBy: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('matchCanned', () => {
  const replies = [
    reply('退款', '退款进度', '您好 {customer.name}，退款会在 3 个工作日内到账'),
    reply('refund', 'Refund status', 'Hi {customer.name}, your refund arrives in 3 working days'),
    reply('hello', 'Greeting', 'Hello! How can I help with your refund?'),
  ];

  it('ranks shortcut matches before title and body matches, in any script', () => {
    expect(matchCanned(replies, 'ref').map((r) => r.shortcut)).toEqual(['refund', 'hello']);
    expect(matchCanned(replies, '退').map((r) => r.shortcut)).toEqual(['退款']);
    expect(matchCanned(replies, '').map((r) => r.shortcut)).toHaveLength(3);
  });

  it('finds nothing for text no reply holds, including object keys', () => {
    expect(matchCanned(replies, 'constructor')).toEqual([]);
    expect(matchCanned(replies, '__proto__')).toEqual([]);
  });
});
