import { conversationStatuses } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { canTransition, isOpen, nextStatus, type TransitionCommand, transitions } from './stateMachine.ts';

const commands: TransitionCommand[] = [
  'requestHuman',
  'accept',
  'release',
  'transfer',
  'assign',
  'handBack',
  'resolve',
  'reopen',
  'close',
];

/** The whole table, written out once more by hand: a change to the machine must change this test. */
const expected: Record<string, string> = {
  'bot requestHuman': 'queued',
  'bot resolve': 'resolved',
  'bot close': 'closed',
  'queued accept': 'assigned',
  'queued transfer': 'queued',
  'queued assign': 'assigned',
  'queued handBack': 'bot',
  'queued resolve': 'resolved',
  'queued close': 'closed',
  'assigned release': 'queued',
  'assigned transfer': 'queued',
  'assigned assign': 'assigned',
  'assigned handBack': 'bot',
  'assigned resolve': 'resolved',
  'assigned close': 'closed',
  'resolved reopen': 'assigned',
  'resolved close': 'closed',
};

describe('conversation state machine', () => {
  for (const from of conversationStatuses) {
    for (const command of commands) {
      const key = `${from} ${command}`;
      const to = expected[key];
      if (to) {
        it(`allows ${command} from ${from} → ${to}`, () => {
          expect(canTransition(from, command)).toBe(true);
          expect(nextStatus(from, command)).toBe(to);
        });
      } else {
        it(`forbids ${command} from ${from}`, () => {
          expect(canTransition(from, command)).toBe(false);
          expect(() => nextStatus(from, command)).toThrow(DomainError);
          try {
            nextStatus(from, command);
          } catch (error) {
            expect((error as DomainError).code).toBe('invalid_transition');
          }
        });
      }
    }
  }

  it('has no transition the test does not know', () => {
    const actual = Object.entries(transitions).flatMap(([from, map]) =>
      Object.keys(map).map((command) => `${from} ${command}`),
    );
    expect(actual.sort()).toEqual(Object.keys(expected).sort());
  });

  it('treats resolved and closed as not open', () => {
    expect(conversationStatuses.filter(isOpen)).toEqual(['bot', 'queued', 'assigned']);
  });
});
