import type { Role } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import type { Actor, Conversation } from '../records.ts';
import { assertMayAct, assertMayReopen, assertMayResolve } from './permissions.ts';

const conversation = (status: Conversation['status'], assigneeId: string | null = null) =>
  ({ id: 'c1', workspaceId: 'w1', status, assigneeId }) as Conversation;
const staff = (role: Role, id = 'u1'): Actor => ({
  kind: 'agent',
  user: { id, name: 'N', role, workspaceId: 'w1' },
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('who may resolve', () => {
  it('refuses agents and experts on conversations nobody accepted', () => {
    for (const role of ['agent', 'expert'] as const) {
      expect(codeOf(() => assertMayResolve(conversation('bot'), staff(role)))).toBe('forbidden');
      expect(codeOf(() => assertMayResolve(conversation('queued'), staff(role)))).toBe('forbidden');
    }
  });

  it('lets the assignee resolve, and tells a teammate it is not theirs', () => {
    for (const role of ['agent', 'expert'] as const) {
      expect(codeOf(() => assertMayResolve(conversation('assigned', 'u1'), staff(role, 'u1')))).toBe('ok');
      expect(codeOf(() => assertMayResolve(conversation('assigned', 'u2'), staff(role, 'u1')))).toBe(
        'not_assignee',
      );
    }
  });

  it('lets supervisors and admins resolve anything the state machine allows', () => {
    for (const role of ['admin', 'supervisor'] as const) {
      for (const status of ['bot', 'queued'] as const) {
        expect(codeOf(() => assertMayResolve(conversation(status), staff(role)))).toBe('ok');
      }
      expect(codeOf(() => assertMayResolve(conversation('assigned', 'u2'), staff(role)))).toBe('ok');
    }
  });

  it('leaves other statuses to the state machine and does not restrict the bot or the system', () => {
    expect(codeOf(() => assertMayResolve(conversation('resolved'), staff('agent')))).toBe('ok');
    expect(codeOf(() => assertMayResolve(conversation('closed'), staff('expert')))).toBe('ok');
    expect(codeOf(() => assertMayResolve(conversation('queued'), { kind: 'bot' }))).toBe('ok');
    expect(codeOf(() => assertMayResolve(conversation('bot'), { kind: 'system' }))).toBe('ok');
  });

  it('keeps release as it was: a queued conversation has no assignee to protect', () => {
    expect(codeOf(() => assertMayAct(conversation('queued'), staff('agent')))).toBe('ok');
    expect(codeOf(() => assertMayAct(conversation('assigned', 'u2'), staff('agent')))).toBe('not_assignee');
  });
});

describe('who may reopen', () => {
  const resolved = (assigneeId: string | null, lastAgentId: string | null = assigneeId) =>
    ({ ...conversation('resolved', assigneeId), lastAgentId }) as Conversation;

  it('lets the person who served it last reopen it, whatever their role', () => {
    for (const role of ['agent', 'expert'] as const) {
      expect(codeOf(() => assertMayReopen(resolved('u1'), staff(role, 'u1')))).toBe('ok');
      // put back in the queue and resolved from there: still the last person who served it
      expect(codeOf(() => assertMayReopen(resolved(null, 'u1'), staff(role, 'u1')))).toBe('ok');
    }
  });

  it("refuses another agent or expert (another team's or a teammate)", () => {
    for (const role of ['agent', 'expert'] as const) {
      expect(codeOf(() => assertMayReopen(resolved('u2'), staff(role, 'u1')))).toBe('forbidden');
      // one the bot resolved alone has nobody who served it
      expect(codeOf(() => assertMayReopen(resolved(null), staff(role, 'u1')))).toBe('forbidden');
    }
  });

  it("lets supervisors and admins reopen anyone's", () => {
    for (const role of ['admin', 'supervisor'] as const) {
      expect(codeOf(() => assertMayReopen(resolved('u2'), staff(role, 'u1')))).toBe('ok');
      expect(codeOf(() => assertMayReopen(resolved(null), staff(role, 'u1')))).toBe('ok');
    }
  });
});
