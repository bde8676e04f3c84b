import { describe, expect, it } from 'vitest';
import type { EmotionTrajectory, Team } from '../records.ts';
import { type Candidate, pickAgent } from './pickAgent.ts';
import { gradePriority, isVip, isWorsening } from './priority.ts';
import { estimateWaitSeconds, orderQueue, queueScore } from './queueOrder.ts';
import { teamForTarget } from './teams.ts';

const reading = (polarity: 'negative' | 'neutral', intensity: number, state = 'anger') => ({
  state,
  basic: polarity === 'negative' ? ('anger' as const) : ('neutral' as const),
  polarity,
  intensity,
  at: new Date().toISOString(),
});
const trajectory = (...readings: ReturnType<typeof reading>[]): EmotionTrajectory => ({
  current: readings.at(-1) as ReturnType<typeof reading>,
  history: readings,
});

describe('priority grading', () => {
  it('orders upset customers by how upset, not one constant', () => {
    const mild = gradePriority({
      reason: 'emotion',
      botPriority: 100,
      emotion: trajectory(reading('negative', 0.3)),
      attributes: {},
    });
    const furious = gradePriority({
      reason: 'emotion',
      botPriority: 100,
      emotion: trajectory(reading('negative', 0.95)),
      attributes: {},
    });
    expect(furious).toBeGreaterThan(mild);
    expect(furious).toBeLessThanOrEqual(100);
  });

  it('raises a worsening trend, urgency and VIPs', () => {
    const base = { reason: 'customer_request' as const, botPriority: 0, attributes: {} };
    const steady = gradePriority({
      ...base,
      emotion: trajectory(reading('negative', 0.6), reading('negative', 0.6)),
    });
    const worse = gradePriority({
      ...base,
      emotion: trajectory(reading('neutral', 0), reading('negative', 0.6)),
    });
    expect(worse).toBeGreaterThan(steady);
    const urgent = gradePriority({ ...base, emotion: trajectory(reading('negative', 0.6, 'urgency')) });
    expect(urgent).toBeGreaterThan(
      gradePriority({ ...base, emotion: trajectory(reading('negative', 0.6, 'sadness')) }),
    );
    const vip = gradePriority({
      ...base,
      emotion: null,
      attributes: { level: 'Gold', identityVerified: true },
    });
    expect(vip).toBeGreaterThan(gradePriority({ ...base, emotion: null }));
  });

  it('reads VIP attributes of verified customers only, safely (no prototype keys)', () => {
    const verified = { identityVerified: true };
    expect(isVip({ ...verified, vip: true })).toBe(true);
    expect(isVip({ ...verified, tier: 'platinum' })).toBe(true);
    expect(isVip({ ...verified, vipLevel: 'gold' })).toBe(true);
    expect(isVip({ vipLevel: 'gold' })).toBe(false); // an anonymous page's claim
    expect(isVip({ ...verified, constructor: 'vip' } as Record<string, string | boolean>)).toBe(false);
    expect(isVip({})).toBe(false);
  });

  it('sees a trend only with two readings or more', () => {
    expect(isWorsening(trajectory(reading('negative', 0.9)))).toBe(false);
    expect(isWorsening(null)).toBe(false);
  });
});

describe('queue order', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('serves higher priority first, then first come first served', () => {
    const ordered = orderQueue(
      [
        { id: 'a', priority: 10, queuedAt: ago(30) },
        { id: 'b', priority: 60, queuedAt: ago(10) },
        { id: 'c', priority: 10, queuedAt: ago(40) },
      ],
      now,
    );
    expect(ordered.map((o) => o.id)).toEqual(['b', 'c', 'a']);
  });

  it('does not starve: a long wait outranks a fresh urgent arrival', () => {
    const ordered = orderQueue(
      [
        { id: 'urgent', priority: 100, queuedAt: ago(1) },
        { id: 'patient', priority: 0, queuedAt: ago(11 * 60) },
      ],
      now,
    );
    expect(ordered[0]?.id).toBe('patient');
    expect(queueScore({ id: 'x', priority: 0, queuedAt: ago(60) }, now)).toBe(10);
  });

  it('estimates the wait from handle times and people online', () => {
    expect(estimateWaitSeconds(2, 300, 2)).toBe(300);
    expect(estimateWaitSeconds(1, null, 1)).toBe(300);
    expect(estimateWaitSeconds(3, 120, 0)).toBeNull();
  });
});

describe('picking a person', () => {
  const person = (
    id: string,
    load: number,
    extra: Partial<Candidate['user']> = {},
    lastOffered = 0,
  ): Candidate => ({
    user: {
      id,
      role: 'agent',
      presence: 'online',
      maxConcurrent: 3,
      skills: [],
      languages: ['zh', 'en'],
      ...extra,
    },
    load,
    lastOfferedAt: lastOffered ? new Date(lastOffered) : null,
  });
  const pick = (candidates: Candidate[], extra: Partial<Parameters<typeof pickAgent>[0]> = {}) =>
    pickAgent({
      candidates,
      strategy: 'least_busy',
      lang: null,
      skills: [],
      exclude: [],
      sticky: null,
      ...extra,
    });

  it('least busy within capacity', () => {
    expect(pick([person('a', 2), person('b', 1), person('c', 3)])).toBe('b');
    expect(pick([person('a', 3), person('b', 3)])).toBeNull();
    // share of capacity, not raw count
    expect(pick([person('a', 2, { maxConcurrent: 10 }), person('b', 1, { maxConcurrent: 2 })])).toBe('a');
  });

  it('only online people who speak the language and have the skills, not those who declined', () => {
    const candidates = [
      person('away', 0, { presence: 'away' }),
      person('en-only', 0, { languages: ['en'] }),
      person('declined', 0),
      person('no-skill', 1),
      person('billing', 2, { skills: ['Billing'] }),
    ];
    expect(pick(candidates, { lang: 'zh', skills: ['billing'], exclude: ['declined'] })).toBe('billing');
    expect(pick(candidates, { lang: 'zh', exclude: ['declined'] })).toBe('no-skill');
  });

  it('prefers people whose skills match what the bot learnt of the conversation', () => {
    const candidates = [
      person('a', 0),
      person('fraud', 1, { skills: ['Fraud-Risk'] }),
      person('both', 2, { skills: ['fraud-risk', 'vip'] }),
    ];
    expect(pick(candidates, { preferSkills: ['fraud-risk'] })).toBe('fraud');
    expect(pick(candidates, { preferSkills: ['fraud-risk', 'vip'] })).toBe('both');
    expect(pick(candidates, { preferSkills: [] })).toBe('a');
    // a preference, not a requirement: nobody with the skill available, someone else is offered it
    expect(
      pick([person('a', 0), person('fraud', 3, { skills: ['fraud-risk'] })], {
        preferSkills: ['fraud-risk'],
      }),
    ).toBe('a');
  });

  it('sticks to the customer last person when available', () => {
    expect(pick([person('a', 0), person('b', 2)], { sticky: 'b' })).toBe('b');
    expect(pick([person('a', 0), person('b', 3)], { sticky: 'b' })).toBe('a');
  });

  it('round robin: whoever waited longest for an offer; manual: nobody', () => {
    const candidates = [person('a', 0, {}, 3000), person('b', 2, {}, 1000), person('c', 1, {}, 2000)];
    expect(pick(candidates, { strategy: 'round_robin' })).toBe('b');
    expect(pick(candidates, { strategy: 'manual' })).toBeNull();
  });
});

describe('team of a hand-over', () => {
  const team = (id: string, name: string, key: string | null, tier: 1 | 2): Team => ({
    id,
    workspaceId: 'w',
    name,
    key,
    tier,
    strategy: 'least_busy',
    offerTimeoutSeconds: 30,
    offlineGraceSeconds: 60,
    hours: null,
    sla: null,
    nudgeSeconds: 180,
    requeueAfterNudgeSeconds: 180,
    fallbackTeamId: null,
    memberIds: [],
  });
  const teams = [
    team('1', '账单 Payments', 'payments', 1),
    team('2', '投诉专家', 'complaints', 2),
    team('3', 'VIP', null, 1),
  ];

  it('by key, by name, the expert tier, or none', () => {
    expect(teamForTarget(teams, { tier: 'agent', team: 'payments', detail: null })?.id).toBe('1');
    expect(teamForTarget(teams, { tier: 'agent', team: 'vip', detail: null })?.id).toBe('3');
    expect(teamForTarget(teams, { tier: 'expert', team: null, detail: null })?.id).toBe('2');
    expect(teamForTarget(teams, { tier: 'expert', team: 'payments', detail: null })?.id).toBe('2');
    expect(teamForTarget(teams, { tier: 'agent', team: 'unknown', detail: null })).toBeNull();
    expect(teamForTarget(teams, { tier: 'agent', team: 'constructor', detail: null })).toBeNull();
    expect(teamForTarget([], { tier: 'expert', team: null, detail: null })).toBeNull();
  });
});
