import type { BotStream } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { createStreamRelay } from '../src/llm/streams.ts';

const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';

describe('bot:stream relay: the whole text so far in, only what is new out', () => {
  const relay = () => {
    const sent: Array<{ contactId: string; payload: BotStream }> = [];
    const r = createStreamRelay((contactId, payload) => sent.push({ contactId, payload }));
    const update = (text: string, more: { done?: boolean; discard?: boolean; streamId?: string } = {}) =>
      r.update('contact-1', {
        conversationId: CONVERSATION,
        streamId: more.streamId ?? 's1',
        text,
        done: more.done ?? false,
        discard: more.discard ?? false,
      });
    return { r, sent, update, events: () => sent.map((s) => s.payload) };
  };

  it('sends the first text whole, then numbered pieces; a long answer costs its length, not its square', () => {
    const { r, update, events } = relay();
    const sentence = '咖啡机每三个月需要除垢一次。';
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += sentence;
      update(text);
    }
    update(text, { done: true });
    const out = events();
    expect(out[0]).toMatchObject({ seq: 0, append: false, text: sentence });
    expect(out.slice(1, -1).every((e, i) => e.append && e.seq === i + 1 && e.text === sentence)).toBe(true);
    expect(out.at(-1)).toMatchObject({ seq: 200, append: true, text: '', done: true });
    // every character crosses the wire once
    expect(out.reduce((n, e) => n + e.text.length, 0)).toBe(text.length);
    expect(r.size()).toBe(0);
  });

  it('an update that does not continue what was sent goes whole; nothing new says nothing', () => {
    const { update, events } = relay();
    update('第一句。');
    update('第一句。');
    update('改写的第一句。第二句。', { done: true });
    expect(events()).toEqual([
      expect.objectContaining({ seq: 0, append: false, text: '第一句。' }),
      expect.objectContaining({ seq: 1, append: false, text: '改写的第一句。第二句。', done: true }),
    ]);
  });

  it('gives a widget that connects mid-answer the whole text so far once, with the last number', () => {
    const { r, update } = relay();
    update('A。');
    update('A。B。');
    update('X。', { streamId: 's2' });
    expect(r.snapshots('contact-1')).toEqual([
      {
        conversationId: CONVERSATION,
        streamId: 's1',
        seq: 1,
        text: 'A。B。',
        append: false,
        done: false,
        discard: false,
      },
      expect.objectContaining({ streamId: 's2', seq: 0, text: 'X。' }),
    ]);
    expect(r.snapshots('contact-2')).toEqual([]);
    update('', { discard: true, done: true });
    expect(r.snapshots('contact-1').map((s) => s.streamId)).toEqual(['s2']);
  });

  it('a discard is numbered after the pieces and forgets the stream', () => {
    const { r, update, events } = relay();
    update('A。');
    update('A。B。');
    update('', { discard: true, done: true });
    expect(events().at(-1)).toMatchObject({ seq: 2, text: '', append: false, done: true, discard: true });
    expect(r.size()).toBe(0);
    // a discard of a stream already done (its reply was not stored) still reaches the widget
    update('', { streamId: 'old', discard: true, done: true });
    expect(events().at(-1)).toMatchObject({ streamId: 'old', discard: true });
  });
});
