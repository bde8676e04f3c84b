import type { Conversation, EmotionReading, Message } from '@tandem/domain';
import { engineAnnotator } from '../services/annotator.ts';

/** Bot reply meta as botTurn.ts stores it. */
export interface TestBotMeta {
  kind: string;
  intent?: string | null;
  confidence?: number;
  flow?: { id: string; outcome: string };
}

/**
 * Builds a realistic transcript for tests: customer messages read by the real annotator (language, emotion),
 * bot replies with the meta and client ids botTurn.ts gives them, a message a minute.
 */
export function testTranscript(start = new Date('2026-03-04T02:00:00Z')) {
  const messages: Message[] = [];
  const readings: EmotionReading[] = [];
  let minute = 0;
  let lastCustomer: Message | null = null;
  const add = (fields: Partial<Message> & Pick<Message, 'authorKind' | 'text'>): Message => {
    const message = {
      id: `m${messages.length + 1}`,
      conversationId: 'c1',
      workspaceId: 'w1',
      seq: messages.length + 1,
      clientId: null,
      authorId: null,
      buttons: [],
      notice: null,
      meta: null,
      internal: false,
      createdAt: new Date(start.getTime() + minute++ * 60_000),
      ...fields,
    } as Message;
    messages.push(message);
    return message;
  };
  const t = {
    messages,
    customer(text: string) {
      const { meta, emotion } = engineAnnotator.annotate(text, null);
      const message = add({
        authorKind: 'customer',
        authorId: 'contact-1',
        clientId: `c-${minute}`,
        text,
        meta,
      });
      if (emotion) readings.push({ ...emotion, at: message.createdAt.toISOString() });
      lastCustomer = message;
      return t;
    },
    bot(text: string, meta: TestBotMeta) {
      const clientId = lastCustomer ? `bot-${lastCustomer.id}-0` : null;
      add({ authorKind: 'bot', clientId, text, meta: { intent: null, confidence: 0, ...meta } });
      return t;
    },
    agent(text: string, internal = false) {
      add({ authorKind: 'agent', authorId: 'agent-1', text, internal } as Partial<Message> as Message);
      return t;
    },
    notice(code: 'queued' | 'agent_joined') {
      add({ authorKind: 'system', text: '', notice: { code } });
      return t;
    },
    /** the conversation as storage keeps it: emotion readings (the last 20), hand-over */
    conversation(
      handoff: Pick<Conversation, 'handoffReason' | 'handoff'> = { handoffReason: null, handoff: null },
    ): Pick<Conversation, 'handoffReason' | 'handoff' | 'emotion'> {
      const last = readings.at(-1);
      const emotion = last
        ? { current: (({ at: _at, ...e }) => e)(last), history: readings.slice(-20) }
        : null;
      return { ...handoff, emotion };
    },
  };
  return t;
}
