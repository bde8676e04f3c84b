import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect.ts';
import { escalationAdvice } from './escalation.ts';
import { findServiceSignals } from './serviceSignals.ts';
import { summarizeTrajectory } from './trajectory.ts';

function advise(message: string) {
  const result = detectEmotion(message);
  return escalationAdvice(result, summarizeTrajectory([result]));
}

describe('escalation by meaning, graded, in both languages', () => {
  it('finds asking again and health or safety stakes, not ordinary questions', () => {
    expect(findServiceSignals("third time i'm asking and nobody helps").repeated).not.toBeNull();
    expect(findServiceSignals('问了好几遍了，到现在都没人处理').repeated).not.toBeNull();
    expect(findServiceSignals('第三次问了还没人管').repeated).not.toBeNull();
    expect(findServiceSignals('第二次购买有优惠吗').repeated).toBeNull();
    expect(findServiceSignals('how many times can i change my address').repeated).toBeNull();
    expect(findServiceSignals("my child's medicine must arrive today").stakes).toBe('medicine');
    expect(findServiceSignals('孩子的药今天必须到').stakes).toBe('药');
  });

  it('hands over at once (urgent) for repeated failure with anger or a threat, in either language', () => {
    expect(advise("third time I'm asking and nobody helps, I'm done with you people!")).toMatchObject({
      escalate: true,
      priority: 'urgent',
      reasons: expect.arrayContaining(['threat_to_leave', 'repeated_frustration']),
    });
    expect(advise('第三次问了还没人管，气死我了')).toMatchObject({ escalate: true, priority: 'urgent' });
  });

  it('hands over at once for urgency about medicine or safety; plain urgency only offers a person', () => {
    expect(advise('急！！孩子的药今天必须到，马上帮我处理')).toMatchObject({
      priority: 'urgent',
      reason: 'urgency',
    });
    expect(advise("URGENT!! my child's medicine must arrive today")).toMatchObject({
      priority: 'urgent',
      reason: 'urgency',
    });
    expect(advise('the charger is smoking, this is urgent')).toMatchObject({ priority: 'urgent' });
    expect(advise('this is urgent, please help asap')).toMatchObject({ escalate: true, priority: 'high' });
    expect(advise('急急急')).toMatchObject({ escalate: true, priority: 'high', reason: 'urgency' });
    // a calm question about medicine is not an emergency
    expect(advise('药品可以退货吗').escalate).toBe(false);
    expect(advise('can I return medicine').escalate).toBe(false);
  });

  it('hands over at once when something dangerous is happening, in any words', () => {
    expect(advise('the heater you sold me started smoking!!')).toMatchObject({
      priority: 'urgent',
      reason: 'urgency',
    });
    expect(advise('你们卖的取暖器冒烟了！！')).toMatchObject({ priority: 'urgent', reason: 'urgency' });
    expect(advise('smoke is coming out of the charger')).toMatchObject({ priority: 'urgent' });
    expect(advise('充电器漏电了')).toMatchObject({ priority: 'urgent' });
    expect(advise('does this heater have overheat protection').escalate).toBe(false);
  });

  it('treats the same complaint alike in both languages', () => {
    for (const [en, zh] of [
      ["I'm going to cancel my membership and shop elsewhere", '我要注销会员，去别家买'],
      ['nobody has replied in two days, this is ridiculous', '两天了都没人回复，太离谱了'],
    ] as const) {
      expect(advise(en).priority).toBe(advise(zh).priority);
    }
  });

  it('offers a person (high) when the customer says they asked before, without anger', () => {
    expect(advise('I asked you three times already, still no answer')).toMatchObject({
      escalate: true,
      priority: 'high',
      reasons: expect.arrayContaining(['repeated_frustration']),
    });
    expect(advise('问了好几遍了，到现在都没人处理')).toMatchObject({ escalate: true, priority: 'high' });
  });
});
