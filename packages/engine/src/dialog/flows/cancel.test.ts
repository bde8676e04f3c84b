import { describe, expect, it } from 'vitest';
import { buildFlow, last, talk, testContext, texts } from './testSupport.ts';

const flow = buildFlow(`id: cancel_test
name: { zh: 测试, en: Test }
trigger: { examples: { zh: [], en: [] } }
start: ask_phone
nodes:
  ask_phone:
    type: ask
    slot:
      name: phone
      entity: phone
      prompt: { zh: 手机号？, en: Phone number? }
      reprompt: { zh: 请发手机号, en: Please send your phone number }
    next: sure
  sure:
    type: confirm
    text: { zh: '发到 {{slots.phone}}？', en: 'Send to {{slots.phone}}?' }
    yes: done
    no: ask_phone
  done: { type: end }
`);

describe('cancelling', () => {
  it('cancels politely in Chinese while asking', async () => {
    for (const word of ['算了', '不用了', '取消', '不要了']) {
      const result = last(await talk(flow, [word]));
      expect(result, word).toMatchObject({ outcome: 'cancelled', state: null });
      expect(texts(result)).toEqual(['好的，已为您取消。还有其他可以帮您的吗？']);
    }
  });

  it('cancels politely in English while confirming', async () => {
    for (const word of ['cancel', 'never mind', 'stop', 'forget it']) {
      const result = last(await talk(flow, ['13800138000', word], testContext({ lang: 'en' })));
      expect(result, word).toMatchObject({
        outcome: 'cancelled',
        state: null,
        vars: { slots: { phone: '13800138000' } },
      });
      expect(texts(result)).toEqual(["OK, I've cancelled that. Is there anything else I can help with?"]);
    }
  });
});
