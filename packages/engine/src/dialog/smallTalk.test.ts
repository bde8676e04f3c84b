import { describe, expect, it } from 'vitest';
import { defaultBotSettings } from './settings.ts';
import { detectSmallTalk, type SocialContext, socialReply } from './smallTalk.ts';

describe('detectSmallTalk', () => {
  const cases: Array<[string, string[]]> = [
    [
      'here',
      ['在吗', '在不', '在么', '在不在', '在 你好', '亲在吗', 'are you there?', 'you there', 'still there?'],
    ],
    [
      'anyone',
      ['有人吗', '有人在吗？', '你好，有人吗', 'anyone there', 'is anybody there?', 'hello? anyone there?'],
    ],
    ['hello', ['亲', '你好', '您好呀', '客服你好', 'hi', 'Hello!', 'hi there', 'good morning', '👋']],
    [
      'thanks',
      [
        '谢谢',
        '好的，谢谢',
        '谢谢你啦',
        'thanks',
        'thank you so much',
        'ok thanks',
        'thanks for your help',
        '🙏',
      ],
    ],
    [
      'solved',
      [
        '解决了',
        '谢谢，问题解决了',
        '问题已经解决了',
        '搞定了，谢谢',
        'thanks, that solved it!',
        'that helped, thanks',
        'it works now',
      ],
    ],
    [
      'done',
      [
        '没事了',
        '好了',
        '没有其他问题了',
        '就这些，谢谢',
        "that's all, thanks",
        "that's it",
        'nothing else',
        'all good',
      ],
    ],
    ['no', ['不用了', '不用了谢谢', '没有', 'no thanks', 'nope', 'not now']],
    ['bye', ['再见', '好的，拜拜', '谢谢，再见', 'bye!', 'ok thanks bye', 'see you']],
    [
      'ack',
      ['嗯', '嗯嗯', '好的', '好', '知道了', '是的', 'ok', 'okay', 'got it', 'yes', 'sure', '👍', '👌🏻'],
    ],
  ];
  for (const [kind, messages] of cases) {
    it(`reads ${kind}`, () => {
      for (const message of messages) expect(detectSmallTalk(message), message).toBe(kind);
    });
  }

  it('leaves questions and requests to the matcher, however polite', () => {
    for (const message of [
      '你好，我的快递到哪了',
      '在吗？我想退货',
      '谢谢，另外运费多少钱',
      'hi, how do I get a refund',
      'thanks, but my order never arrived',
      'that did not solve it',
      'no refund yet',
      '好贵',
      '是不是要收运费',
      '',
      '   ',
      '😀',
      'constructor',
      '__proto__',
      'hello'.repeat(20),
    ]) {
      expect(detectSmallTalk(message), message).toBeNull();
    }
  });
});

describe('socialReply', () => {
  const context = (over: Partial<SocialContext>): SocialContext => ({
    asked: null,
    firstTurn: false,
    settings: { ...defaultBotSettings, greeting: { zh: '您好，欢迎光临！', en: 'Welcome!' } },
    lang: 'zh',
    ...over,
  });

  it('greets a hello or "are you there" first, and says it is here later', () => {
    expect(socialReply('here', context({ firstTurn: true })).text).toBe(
      '您好，欢迎光临！请问有什么可以帮您？',
    );
    expect(socialReply('hello', context({ lang: 'en', firstTurn: true })).text).toBe(
      'Welcome! How can I help you today?',
    );
    expect(socialReply('here', context({})).text).toContain('我在呢');
    expect(socialReply('anyone', context({ lang: 'en' })).text).toContain('virtual assistant');
  });

  it('closes politely on a closing, and asks for more after thanks', () => {
    expect(socialReply('solved', context({})).text).toContain('再见');
    expect(socialReply('done', context({ lang: 'en' })).text).toContain('have a great day');
    expect(socialReply('thanks', context({}))).toEqual({
      text: '不客气！还有其他可以帮您的吗？',
      asked: 'more',
    });
  });

  it('reads an 「嗯」 as the answer to what was asked, and never ends a conversation that has not begun', () => {
    expect(socialReply('ack', context({ firstTurn: true })).text).toContain('请问有什么可以帮您');
    expect(socialReply('ack', context({ asked: 'more' })).text).toContain('您请说');
    expect(socialReply('ack', context({ asked: 'choice' })).text).toContain('请点选上面的问题');
    expect(socialReply('ack', context({ asked: 'person' }))).toMatchObject({ handover: true });
    expect(socialReply('ack', context({ asked: 'open' })).text).toContain('我在呢');
    expect(socialReply('ack', context({})).text).toContain('随时告诉我');
  });

  it('reads a "no" the same way', () => {
    expect(socialReply('no', context({ asked: 'more', lang: 'en' })).text).toContain('have a great day');
    expect(socialReply('no', context({ asked: 'person' })).handover).toBeUndefined();
    expect(socialReply('no', context({ asked: 'person', lang: 'en' })).text).toContain('what else');
  });
});
