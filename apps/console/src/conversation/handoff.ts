import type { HandoffPacket, PreviousConversation } from '@tandem/protocol';
import type { MessageKey } from '../i18n.ts';

/** The people-held states in which the handoff summary is worth showing. */
export function showsHandoff(status: string): boolean {
  return status === 'assigned' || status === 'queued';
}

/** Earlier conversations newest first, without the one open (the packet may include it). */
export function earlierConversations(packet: HandoffPacket): PreviousConversation[] {
  return packet.previousConversations
    .filter((item) => item.id !== packet.conversation.id)
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

export function detailKey(type: HandoffPacket['summary']['details'][number]['type']): MessageKey {
  return `handoff.detail.${type}`;
}
