import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect.ts';
import { EMOTION_STATES } from './types.ts';

const d = (text: unknown) => detectEmotion(text);

describe('detectEmotion: states and mapping', () => {
  it('knows at least 20 service states', () => {
    expect(EMOTION_STATES.length).toBeGreaterThanOrEqual(20);
  });

  it('maps each state to a basic emotion and polarity', () => {
    const r = d('我真的很生气');
    expect(r).toMatchObject({ emotion: 'anger', basic: 'anger', polarity: 'negative', lang: 'zh' });
    expect(d('Thank you, that was helpful').polarity).toBe('positive');
    expect(d('What is the opening time of the store?')).toMatchObject({ emotion: 'neutral', intensity: 0 });
  });
});

describe('detectEmotion: intensifiers and diminishers', () => {
  it('raises intensity after 非常 / very', () => {
    expect(d('我非常失望').intensity).toBeGreaterThan(d('我失望').intensity);
    expect(d('I am very disappointed').intensity).toBeGreaterThan(d('I am disappointed').intensity);
    expect(d('气死我了').signals).toContain('anger:气死');
  });

  it('lowers intensity after 有点 / a bit', () => {
    expect(d('有点失望').intensity).toBeLessThan(d('失望').intensity);
    expect(d('I am a bit annoyed').intensity).toBeLessThan(d('I am annoyed').intensity);
  });

  it('reads "never been so" and 从没这么 as intensifiers, not negation', () => {
    expect(d('我从没这么生气过').basic).toBe('anger');
    expect(d('I have never been so angry').basic).toBe('anger');
  });
});

describe('detectEmotion: negation', () => {
  it('cancels a negated negative cue', () => {
    expect(d('我不生气，只是问问').emotion).toBe('neutral');
    expect(d("I'm not angry, just asking").emotion).toBe('neutral');
  });

  it('turns a negated positive cue into disappointment', () => {
    expect(d('我不是很满意').emotion).toBe('disappointment');
    expect(d('I am not happy with this').polarity).toBe('negative');
  });

  it('does not negate across a clause boundary', () => {
    expect(d('还没到，我要投诉').emotion).toBe('complaint');
  });
});

describe('detectEmotion: emoji', () => {
  it('reads emoji and Weibo bracket emoji', () => {
    expect(d('😡').basic).toBe('anger');
    expect(d('👍👍').polarity).toBe('positive');
    expect(d('[怒]').basic).toBe('anger');
    expect(d('又没货了[泪]').basic).toBe('sadness');
    expect(d('🙄 great').signals).toContain('sarcasm:🙄');
  });
});

describe('detectEmotion: punctuation, repetition, capitals', () => {
  it('raises intensity with !!!', () => {
    expect(d('太失望了!!!').intensity).toBeGreaterThan(d('太失望了').intensity);
    expect(d('太失望了！！！').signals).toContain('punct:!!!');
  });

  it('reads ??? alone as confusion', () => {
    expect(d('???').emotion).toBe('confusion');
    expect(d('这是什么？？？').signals).toContain('punct:???');
  });

  it('notices repeated characters and words', () => {
    expect(d('快点快点').signals).toContain('repetition:快点快点');
    expect(d('啊啊啊烦死了').signals.some((s) => s.startsWith('repetition:'))).toBe(true);
    expect(d('this is sooo annoying').intensity).toBeGreaterThan(d('this is annoying').intensity);
  });

  it('notices shouting in capitals but not acronyms', () => {
    expect(d('This is the WORST SERVICE ever').signals.some((s) => s.startsWith('caps:'))).toBe(true);
    expect(d('My ATM card and PIN').signals.some((s) => s.startsWith('caps:'))).toBe(false);
  });
});

describe('detectEmotion: service cues', () => {
  it('detects threats to leave', () => {
    expect(d('再这样我就销户').emotion).toBe('threat_to_leave');
    expect(d('Fix it or I will cancel my account').emotion).toBe('threat_to_leave');
  });

  it('detects public complaints (regulator, media, lawyer)', () => {
    expect(d('我要打12315').emotion).toBe('public_complaint');
    expect(d('I will call my lawyer').emotion).toBe('public_complaint');
    expect(d('订单号 2312315 查一下').emotion).toBe('neutral');
  });

  it('detects complaint intent over the other cues of the message', () => {
    expect(d('等了半天还没到，我要投诉！').emotion).toBe('complaint');
    expect(d('I want to speak to a manager').emotion).toBe('complaint');
  });

  it('detects urgency, but not the customer’s own 马上', () => {
    expect(d('紧急！卡被冻结了').emotion).toBe('urgency');
    expect(d('马上给我处理').emotion).toBe('urgency');
    expect(d('好的我马上去看看').emotion).toBe('neutral');
    expect(d('This is urgent').emotion).toBe('urgency');
  });

  it('detects impatience', () => {
    expect(d('等了三天了还没发货').emotion).toBe('impatience');
    expect(d('I have been waiting for 3 weeks').emotion).toBe('impatience');
  });

  it('detects distrust and contempt', () => {
    expect(d('你们就是骗子').emotion).toBe('distrust');
    expect(d('什么破系统，垃圾').basic).toBe('disgust');
    expect(d('This is a total scam').emotion).toBe('distrust');
  });

  it('detects sarcasm cues', () => {
    expect(d('呵呵，你们真行').emotion).toBe('sarcasm');
    expect(d('Thanks for nothing').emotion).toBe('sarcasm');
  });

  it('detects worry and anxiety without catching 怎么办理', () => {
    expect(d('我的卡被盗刷了怎么办').basic).toBe('fear');
    expect(d('怎么办理信用卡').emotion).toBe('neutral');
    expect(d("I'm worried my package is lost").emotion).toBe('worry');
  });

  it('detects confusion and sadness', () => {
    expect(d('看不懂这个说明').emotion).toBe('confusion');
    expect(d("I don't understand this bill").emotion).toBe('confusion');
    expect(d('好难过').basic).toBe('sadness');
  });

  it('detects gratitude, relief and praise', () => {
    expect(d('谢谢你们').emotion).toBe('gratitude');
    expect(d('Thanks so much!').emotion).toBe('gratitude');
    expect(d('终于收到了，松了口气').emotion).toBe('relief');
    expect(d('客服很贴心，点赞').emotion).toBe('praise');
    expect(d('不用谢').polarity).not.toBe('negative');
  });

  it('folds Traditional Chinese', () => {
    expect(d('我要投訴你們').emotion).toBe('complaint');
  });
});

describe('detectEmotion: bad input never crashes', () => {
  it.each([
    ['empty', ''],
    ['spaces', '   \n\t'],
    ['emoji only', '🎈🎈'],
    ['lone surrogate', 'abc\uD800def'],
    ['control characters', '\u0000\u0007生气'],
    ['10k characters', '太慢了'.repeat(3400)],
    ['number', 42],
    ['null', null],
    ['object', { text: 'hi' }],
  ])('%s', (_name, input) => {
    const r = detectEmotion(input);
    expect(r.intensity).toBeGreaterThanOrEqual(0);
    expect(r.intensity).toBeLessThanOrEqual(1);
    expect(['negative', 'neutral', 'positive']).toContain(r.polarity);
  });

  it('treats non-strings and empty text as neutral', () => {
    expect(detectEmotion(undefined)).toMatchObject({ emotion: 'neutral', intensity: 0, signals: [] });
  });
});

describe('detectEmotion: repeated asking', () => {
  it('reads "asked three times" as frustration', () => {
    expect(detectEmotion('我已经问了三遍了！！！').emotion).toBe('frustration');
    expect(detectEmotion('I have asked THREE TIMES already').emotion).toBe('frustration');
  });
});
