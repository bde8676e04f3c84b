import type { AgentConversation, MessageView, WidgetConversation } from '@tandem/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientId,
  connect,
  EVENT_TIMEOUT_MS,
  emit,
  loginCookie,
  newCustomer,
  startTestApp,
  type TestApp,
  waitFor,
} from './harness.ts';

describe('the bot in a conversation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const say = async (socket: Awaited<ReturnType<typeof newCustomer>>['socket'], text: string) => {
    const answer = waitFor<MessageView>(socket, 'message:new', (m) => m.author.kind === 'bot');
    const ack = await emit(socket, 'message:send', { clientId: clientId(), text });
    expect(ack.ok).toBe(true);
    return answer;
  };

  it('answers in English when asked in English', async () => {
    const { socket } = await newCustomer(t, 'en');
    const answer = await say(socket, 'how do I get a refund?');
    expect(answer.text).toMatch(/[a-z]{3,}/i);
    expect(answer.text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('hands over when the customer types 转人工, with the reason', async () => {
    const cookie = await loginCookie(t.url, 'admin@tandem.demo');
    const admin = await connect(t, '/agent', { cookie });
    const { socket, contactId } = await newCustomer(t, 'zh');
    const inQueue = waitFor<AgentConversation>(
      admin,
      'conversation:updated',
      (c) => c.contact.id === contactId && c.status === 'queued',
    );
    const queued = waitFor<WidgetConversation>(socket, 'conversation:updated', (c) => c.status === 'queued');
    await emit(socket, 'message:send', { clientId: clientId(), text: '转人工' });
    await queued;
    expect((await inQueue).handoffReason).toBe('keyword');
  });

  it('hands over after failing to answer twice', async () => {
    const { socket } = await newCustomer(t, 'en');
    const first = await say(socket, 'what is the airspeed velocity of an unladen swallow');
    expect(first.buttons.every((b) => b.payload.length > 0)).toBe(true);
    const queued = waitFor<WidgetConversation>(socket, 'conversation:updated', (c) => c.status === 'queued');
    await say(socket, 'please recommend a good film about volcanoes on mars');
    await queued;
  });

  it('does not answer once a person has the conversation', async () => {
    const cookie = await loginCookie(t.url, 'agent1@tandem.demo');
    const agent = await connect(t, '/agent', { cookie });
    const { socket } = await newCustomer(t, 'zh');
    const queued = waitFor<WidgetConversation>(socket, 'conversation:updated', (c) => c.status === 'queued');
    await emit(socket, 'handoff:request', {});
    const { id } = await queued;
    await emit(agent, 'conversation:accept', { conversationId: id });
    const toAgent = waitFor<MessageView>(agent, 'message:new', (m) => m.author.kind === 'customer');
    await emit(socket, 'message:send', { clientId: clientId(), text: '怎么退款' });
    await toAgent;
    // a barrier, not a pause: every listener of the message has run (a bot turn would have been scheduled)
    // and the bot has no turn waiting or running (a turn stores its replies before it finishes)
    await t.app.ctx.events.drain();
    await expect
      .poll(
        () => {
          const { waiting, running } = t.app.ctx.botTurns.stats();
          return waiting + running;
        },
        { timeout: EVENT_TIMEOUT_MS },
      )
      .toBe(0);
    const messages = await t.app.ctx.store.messages.listByConversation(id);
    expect(messages.filter((m) => m.authorKind === 'bot')).toHaveLength(0);
  });
});
