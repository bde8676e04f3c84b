import { describe, expect, it } from 'vitest';
import { emptyTranscript, mergeMessages, type PendingMessage, transcriptReducer } from './messages.ts';
import { message } from './testFixtures.ts';

const conversationId = '00000000-0000-4000-8000-00000000aaaa';

function pending(clientId: string): PendingMessage {
  return { clientId, text: 'hello', createdAt: '2025-03-01T08:00:00.000Z', state: 'sending', error: null };
}

describe('mergeMessages', () => {
  it('dedupes by id and orders by seq', () => {
    const one = message({ seq: 1 });
    const two = message({ seq: 2 });
    const three = message({ seq: 3 });
    const merged = mergeMessages([three, one], [two, one]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(merged).toHaveLength(3);
  });

  it('lets the later copy of a message win', () => {
    const first = message({ seq: 1, text: 'old' });
    const merged = mergeMessages([first], [{ ...first, text: 'new' }]);
    expect(merged.map((m) => m.text)).toEqual(['new']);
  });

  it('returns the same array when nothing arrives', () => {
    const list = [message({ seq: 1 })];
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('transcriptReducer', () => {
  const opened = transcriptReducer(emptyTranscript, { type: 'open', conversationId });

  it('replaces an optimistic message with the confirmed one, whichever path confirms it', () => {
    let state = transcriptReducer(opened, { type: 'sending', message: pending('client-0001') });
    expect(state.pending).toHaveLength(1);
    const confirmed = message({
      seq: 4,
      conversationId,
      clientId: 'client-0001',
      author: { kind: 'agent', name: 'Wang' },
    });
    state = transcriptReducer(state, { type: 'received', message: confirmed });
    expect(state.pending).toEqual([]);
    expect(state.messages.map((m) => m.id)).toEqual([confirmed.id]);
    // the ack arriving after the live event changes nothing
    expect(transcriptReducer(state, { type: 'received', message: confirmed }).messages).toHaveLength(1);
  });

  it('ignores messages and loads of other conversations', () => {
    const elsewhere = message({ seq: 1, conversationId: '00000000-0000-4000-8000-00000000bbbb' });
    expect(transcriptReducer(opened, { type: 'received', message: elsewhere })).toEqual(opened);
    expect(
      transcriptReducer(opened, {
        type: 'loaded',
        conversationId: elsewhere.conversationId,
        messages: [elsewhere],
      }),
    ).toEqual(opened);
  });

  it('merges a reload into what it has (reconnect)', () => {
    const live = message({ seq: 5, conversationId });
    let state = transcriptReducer(opened, { type: 'received', message: live });
    const history = [1, 2, 3, 4, 5].map((seq) => (seq === 5 ? live : message({ seq, conversationId })));
    state = transcriptReducer(state, { type: 'loaded', conversationId, messages: history });
    expect(state.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('marks failures, retries and discards by clientId', () => {
    let state = transcriptReducer(opened, { type: 'sending', message: pending('client-0002') });
    state = transcriptReducer(state, { type: 'failed', clientId: 'client-0002', error: 'network' });
    expect(state.pending[0]).toMatchObject({ state: 'failed', error: 'network' });
    state = transcriptReducer(state, { type: 'retrying', clientId: 'client-0002' });
    expect(state.pending[0]).toMatchObject({ state: 'sending', error: null });
    state = transcriptReducer(state, { type: 'discard', clientId: 'client-0002' });
    expect(state.pending).toEqual([]);
  });

  it('starts empty when another conversation opens', () => {
    const state = transcriptReducer(opened, {
      type: 'received',
      message: message({ seq: 1, conversationId }),
    });
    const next = transcriptReducer(state, {
      type: 'open',
      conversationId: '00000000-0000-4000-8000-00000000bbbb',
    });
    expect(next.messages).toEqual([]);
    expect(transcriptReducer(state, { type: 'open', conversationId })).toBe(state);
  });
});
