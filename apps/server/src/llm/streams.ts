import type { BotStream } from '@tandem/protocol';

/** What the bot says of an answer being written: the whole checked text so far (the relay sends pieces). */
export type BotStreamUpdate = Omit<BotStream, 'seq' | 'append'>;

interface OpenStream {
  contactId: string;
  conversationId: string;
  /** the last event's number */
  seq: number;
  /** everything sent so far */
  text: string;
}

/** Answers being written at once in one process, at most (the oldest is forgotten: its widget waits for the stored message). */
const MAX_OPEN = 10_000;

/**
 * Turns "the whole text so far" into `bot:stream` events that carry only what is new (`append`, numbered by
 * `seq`), so a long answer costs its length in bytes, not its length squared. The first event of a stream,
 * and any update that does not continue what was sent, carry the whole text (`append: false`). A widget that
 * connects or reconnects mid-answer gets the whole text so far once (`snapshots`), then the pieces after it.
 */
export function createStreamRelay(send: (contactId: string, payload: BotStream) => void) {
  const open = new Map<string, OpenStream>();
  return {
    update(contactId: string, update: BotStreamUpdate): void {
      const { conversationId, streamId, done, discard } = update;
      const known = open.get(streamId);
      const seq = known ? known.seq + 1 : 0;
      let payload: BotStream;
      if (discard) payload = { conversationId, streamId, seq, text: '', append: false, done: true, discard };
      else if (known?.text && update.text.startsWith(known.text)) {
        const text = update.text.slice(known.text.length);
        // (nothing new and not the end: nothing to say)
        if (text === '' && !done) return;
        payload = { conversationId, streamId, seq, text, append: true, done, discard };
      } else payload = { conversationId, streamId, seq, text: update.text, append: false, done, discard };
      open.delete(streamId);
      if (!done && !discard) {
        open.set(streamId, { contactId, conversationId, seq, text: update.text });
        if (open.size > MAX_OPEN) open.delete(open.keys().next().value as string);
      }
      send(contactId, payload);
    },

    /** The answers being written to this customer, each as its whole text so far (for a widget that just connected). */
    snapshots(contactId: string): BotStream[] {
      const out: BotStream[] = [];
      for (const [streamId, s] of open)
        if (s.contactId === contactId)
          out.push({
            conversationId: s.conversationId,
            streamId,
            seq: s.seq,
            text: s.text,
            append: false,
            done: false,
            discard: false,
          });
      return out;
    },

    /** Streams open now (for tests and the shutdown: nothing is kept once each is done or discarded). */
    size: () => open.size,
  };
}
export type StreamRelay = ReturnType<typeof createStreamRelay>;
