import type { FactSource } from '@tandem/storage';
import { describe, expect, it } from 'vitest';
import { computeFact } from '../src/analytics/facts.ts';

const t0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function source(patch: Partial<FactSource>): FactSource {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    workspaceId: '00000000-0000-0000-0000-000000000002',
    contactId: '00000000-0000-0000-0000-000000000003',
    channel: 'widget',
    status: 'bot',
    teamId: null,
    lastAgentId: null,
    assigneeId: null,
    handoffReason: null,
    emotion: null,
    csat: null,
    firstResponseAt: null,
    slaDue: false,
    slaFlags: [],
    resolvedAt: null,
    createdAt: t0,
    contactLang: 'en',
    events: [{ type: 'create', fromStatus: null, toStatus: 'bot', at: t0 }],
    botReplies: [],
    ...patch,
  };
}

/** The edges of the fact definitions (docs/metrics.md) the hand-built histories do not reach. */
describe('a conversation as analytics counts it', () => {
  it('is open again once reopened: no end, no handle time, no bot outcome', () => {
    const fact = computeFact(
      source({
        status: 'assigned',
        lastAgentId: 'u1',
        resolvedAt: null,
        events: [
          { type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(10) },
          { type: 'accept', fromStatus: 'queued', toStatus: 'assigned', at: at(40) },
          { type: 'resolve', fromStatus: 'assigned', toStatus: 'resolved', at: at(100) },
          { type: 'reopen', fromStatus: 'resolved', toStatus: 'assigned', at: at(200) },
        ],
      }),
    );
    expect([fact.endedAt, fact.handleS, fact.botOutcome, fact.waitS, fact.agentId]).toEqual([
      null,
      null,
      '',
      30,
      'u1',
    ]);
  });

  it('counts a person-to-person assignment as a transfer, a first assignment from the queue not', () => {
    const fact = computeFact(
      source({
        status: 'resolved',
        resolvedAt: at(500),
        lastAgentId: 'u2',
        events: [
          { type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(10) },
          { type: 'assign', fromStatus: 'queued', toStatus: 'assigned', at: at(20) },
          { type: 'assign', fromStatus: 'assigned', toStatus: 'assigned', at: at(60) },
          { type: 'resolve', fromStatus: 'assigned', toStatus: 'resolved', at: at(500) },
        ],
      }),
    );
    expect([fact.transfers, fact.handleS, fact.botOutcome]).toEqual([1, 480, 'unresolved']);
  });

  it('keeps a bot-ended conversation pending, a negative rating makes it unresolved at once', () => {
    const ended = source({
      status: 'closed',
      events: [{ type: 'close', fromStatus: 'bot', toStatus: 'closed', at: at(60) }],
      botReplies: [
        { kind: 'unknown', intent: null },
        { kind: 'answer', intent: 'refund' },
      ],
    });
    const fact = computeFact(ended);
    expect([fact.endedAt, fact.botOutcome, fact.intent, fact.oosReplies, fact.botReplies]).toEqual([
      at(60),
      'pending',
      'refund',
      1,
      2,
    ]);
    expect(computeFact({ ...ended, csat: 2 }).botOutcome).toBe('unresolved');
    expect(computeFact({ ...ended, csat: 3 }).botOutcome).toBe('pending');
  });

  it('leaves SLA undecided while open and not breached, and takes the strongest negative emotion', () => {
    const open = computeFact(
      source({
        status: 'queued',
        slaDue: true,
        slaFlags: ['first_response:warning'],
        emotion: {
          current: { basic: 'joy', polarity: 'positive', intensity: 0.6 },
          history: [
            { basic: 'sadness', polarity: 'negative', intensity: 0.4 },
            { basic: 'anger', polarity: 'negative', intensity: 0.7 },
          ],
        },
        events: [{ type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(5) }],
      }),
    );
    expect([open.slaMet, open.emotion, open.lang]).toEqual([null, 'anger', 'en']);
  });
});
