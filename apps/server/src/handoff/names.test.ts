import { readFileSync } from 'node:fs';
import type { SqlStore } from '@tandem/storage';
import { describe, expect, it } from 'vitest';
import { intentsIn, loadIntentNames } from './names.ts';
import { testTranscript } from './testTranscript.ts';

const returnFlow = readFileSync(new URL('../demo/flows/return_request.yaml', import.meta.url), 'utf8');

/** A store with one knowledge entry and the demo's return flow, counting what it is asked. */
function fakeStore() {
  const asked: string[] = [];
  const store = {
    knowledge: {
      find: async (_workspaceId: string, id: string) => {
        asked.push(id);
        return id === 'refunds.status'
          ? {
              id,
              category: 'refunds',
              questions: { zh: ['退款多久到账？'], en: [] },
              answer: { zh: '1-3 个工作日', en: '1-3 working days' },
              related: [],
              enabled: true,
            }
          : null;
      },
    },
    definitions: {
      listActive: async () => [
        {
          key: 'return_request',
          version: 1,
          source: returnFlow,
          format: 'yaml' as const,
          createdBy: null,
          createdAt: new Date(),
        },
      ],
      listSwitchedOff: async () => [],
    },
  } as unknown as Pick<SqlStore, 'knowledge' | 'definitions'>;
  return { store, asked };
}

describe('readable intent names', () => {
  it('names entries by their question and flows by their name, in the reader’s language', async () => {
    const { store } = fakeStore();
    const zh = await loadIntentNames(store, 'w', ['refunds.status', 'flow:return_request'], 'zh');
    expect(zh('refunds.status')).toBe('退款多久到账？');
    expect(zh('flow:return_request')).toBe('退货退款申请');
    const en = await loadIntentNames(store, 'w', ['refunds.status', 'flow:return_request'], 'en');
    // no English phrasing: the Chinese one, rather than the id
    expect(en('refunds.status')).toBe('退款多久到账？');
    expect(en('flow:return_request')).toBe('Return or refund request');
  });

  it('names a removed entry or flow as removed, never by its id', async () => {
    const { store } = fakeStore();
    const names = await loadIntentNames(store, 'w', ['gone.entry', 'flow:gone_flow'], 'en');
    expect(names('gone.entry')).toBe('a removed knowledge entry');
    expect(names('flow:gone_flow')).toBe('a removed flow');
    expect(names('never.asked')).toBe('a removed knowledge entry');
  });

  it('reads the intents of a transcript once each, without small talk', () => {
    const t = testTranscript()
      .customer('你好')
      .bot('你好！', { kind: 'greeting', intent: 'smalltalk.hello', confidence: 1 })
      .customer('我要退货')
      .bot('请提供订单号。', {
        kind: 'flow',
        intent: 'flow:return_request',
        confidence: 1,
        flow: { id: 'return_request', outcome: 'waiting' },
      })
      .customer('退款多久到账')
      .bot('1-3 个工作日。', { kind: 'answer', intent: 'refunds.status', confidence: 0.8 })
      .customer('退款多久到账')
      .bot('1-3 个工作日。', { kind: 'answer', intent: 'refunds.status', confidence: 0.8 });
    expect(intentsIn(t.messages)).toEqual(['flow:return_request', 'refunds.status']);
  });
});
