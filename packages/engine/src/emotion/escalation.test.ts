import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect.ts';
import { escalationAdvice } from './escalation.ts';
import { summarizeTrajectory } from './trajectory.ts';

function advise(...messages: string[]) {
  const results = messages.map((m) => detectEmotion(m));
  return escalationAdvice(results[results.length - 1]!, summarizeTrajectory(results));
}

describe('escalationAdvice', () => {
  it('does not escalate calm messages', () => {
    expect(advise('请问怎么修改收货地址')).toEqual({ escalate: false, priority: 'normal', reasons: [] });
    expect(advise('Thanks, that worked').escalate).toBe(false);
  });

  it('escalates a public complaint as urgent', () => {
    expect(advise('再不处理我就打12315')).toMatchObject({
      escalate: true,
      priority: 'urgent',
      reason: 'public_complaint',
    });
    expect(advise('I will contact my lawyer')).toMatchObject({ escalate: true, reason: 'public_complaint' });
  });

  it('escalates a threat to leave', () => {
    expect(advise('我要销户')).toMatchObject({ escalate: true, reason: 'threat_to_leave' });
    expect(advise("I'm done with you, cancel my account")).toMatchObject({
      escalate: true,
      reason: 'threat_to_leave',
    });
  });

  it('escalates high anger, urgently when extreme', () => {
    expect(advise('气死我了！！！')).toMatchObject({
      escalate: true,
      priority: 'urgent',
      reason: 'high_anger',
    });
    expect(advise('I am FURIOUS')).toMatchObject({ escalate: true, reason: 'high_anger' });
  });

  it('escalates urgency words', () => {
    expect(advise('紧急，卡被冻结了')).toMatchObject({
      escalate: true,
      reasons: expect.arrayContaining(['urgency']),
    });
    expect(advise('This is urgent')).toMatchObject({ escalate: true, reason: 'urgency' });
  });

  it('escalates complaint intent found behind another emotion', () => {
    const advice = advise('等了半天还没到，我要投诉');
    expect(advice.escalate).toBe(true);
    expect(advice.reasons).toContain('complaint');
  });

  it('escalates repeated frustration across messages', () => {
    const advice = advise('还是不行', '怎么又出问题', '没用');
    expect(advice).toMatchObject({
      escalate: true,
      reasons: expect.arrayContaining(['repeated_frustration']),
    });
    expect(advise('没用').escalate).toBe(false);
  });
});
