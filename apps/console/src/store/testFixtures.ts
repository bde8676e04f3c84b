import type { AgentConversation, MessageView } from '@tandem/protocol';

/** Builders for tests: a valid conversation or message with only what the test cares about changed. */
let counter = 0;
function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function conversation(overrides: Partial<AgentConversation> = {}): AgentConversation {
  return {
    id: uuid(),
    status: 'bot',
    priority: 0,
    handoffReason: null,
    handoff: null,
    assignee: null,
    contact: { id: uuid(), name: null, lang: 'zh', attributes: {} },
    lastMessage: null,
    queuedAt: null,
    team: null,
    offer: null,
    csat: null,
    emotion: null,
    tags: [],
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}

export function message(overrides: Partial<MessageView> & Pick<MessageView, 'seq'>): MessageView {
  return {
    id: uuid(),
    conversationId: '00000000-0000-4000-8000-00000000aaaa',
    clientId: null,
    author: { kind: 'customer', name: null },
    text: `message ${overrides.seq}`,
    buttons: [],
    notice: null,
    createdAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  };
}
