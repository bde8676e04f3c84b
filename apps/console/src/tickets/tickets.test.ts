import type { TicketView } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { applyOpen, applyTicket, firstLine, whoLeft } from './tickets.ts';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
function ticket(n: number, over: Partial<TicketView> = {}): TicketView {
  return {
    id: id(n),
    status: 'open',
    contact: { id: id(9), name: null },
    name: null,
    email: 'a@example.com',
    phone: null,
    lang: 'zh',
    message: `message ${n}`,
    conversationId: null,
    team: null,
    replies: [],
    createdAt: `2026-12-0${n}T10:00:00.000Z`,
    updatedAt: `2026-12-0${n}T10:00:00.000Z`,
    ...over,
  };
}

describe('applyTicket', () => {
  it('adds a new ticket of the tab’s status, newest first', () => {
    const list = applyTicket([ticket(1)], ticket(3), 'open');
    expect(list.map((x) => x.id)).toEqual([id(3), id(1)]);
    expect(applyTicket([ticket(1)], ticket(2, { status: 'solved' }), 'open')).toHaveLength(1);
  });

  it('replaces a changed ticket and drops it when its status leaves the tab', () => {
    const answered = ticket(1, { updatedAt: '2026-12-05T00:00:00.000Z', message: 'changed' });
    expect(applyTicket([ticket(1)], answered, 'open')[0]?.message).toBe('changed');
    const solved = { ...answered, status: 'solved' as const };
    expect(applyTicket([ticket(1), ticket(2)], solved, 'open').map((x) => x.id)).toEqual([id(2)]);
    expect(applyTicket([], solved, 'solved')).toHaveLength(1);
  });

  it('ignores an older copy of a ticket', () => {
    const newer = ticket(1, { updatedAt: '2026-12-05T00:00:00.000Z', status: 'pending' });
    const list = [newer];
    expect(applyTicket(list, ticket(1), 'pending')).toBe(list);
  });
});

describe('applyOpen', () => {
  it('counts open tickets as they come and go', () => {
    const one = applyOpen(new Set(), ticket(1));
    expect([...one]).toEqual([id(1)]);
    expect(applyOpen(one, ticket(1))).toBe(one);
    expect(applyOpen(one, ticket(1, { status: 'solved' })).size).toBe(0);
  });
});

describe('formatting', () => {
  it('takes the first non-empty line', () => {
    expect(firstLine('\n  我想开发票  \n订单号 1')).toBe('我想开发票');
    expect(firstLine('')).toBe('');
  });

  it('names the customer by name, then contact name, e-mail, phone', () => {
    const base = { name: null, contact: { id: id(1), name: null }, email: null, phone: null };
    expect(whoLeft({ ...base, phone: '138 0013 8000' })).toBe('138 0013 8000');
    expect(whoLeft({ ...base, email: 'z@example.com', phone: '1' })).toBe('z@example.com');
    expect(whoLeft({ ...base, contact: { id: id(1), name: 'Zhang' }, email: 'z@x.com' })).toBe('Zhang');
    expect(whoLeft({ ...base, name: '张三', contact: { id: id(1), name: 'Zhang' } })).toBe('张三');
  });
});
