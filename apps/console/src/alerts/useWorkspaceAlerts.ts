import type { AgentConversation } from '@tandem/protocol';
import { useEffect, useRef } from 'react';
import { contactName } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { PendingOffer } from '../store/offers.ts';
import { notifyDesktop, playChime } from './alerts.ts';
import { alertSettingsNow } from './useAlerts.ts';

interface Input {
  /** conversations that entered the queue live (the inbox highlights them) */
  highlighted: Readonly<Record<string, true>>;
  byId: Readonly<Record<string, AgentConversation>>;
  offers: readonly PendingOffer[];
  onOpen: (id: string) => void;
}

/** A chime and, when allowed, a desktop notification for each new queued or offered conversation, once. */
export function useWorkspaceAlerts({ highlighted, byId, offers, onOpen }: Input): void {
  const { t } = useI18n();
  const alerted = useRef(new Set<string>());
  const latest = useRef({ byId, onOpen, t });
  latest.current = { byId, onOpen, t };

  useEffect(() => {
    const fresh: { id: string; kind: 'queued' | 'offered' }[] = [];
    for (const offer of offers) {
      const key = `offer:${offer.conversation.id}:${offer.expiresAt}`;
      if (!alerted.current.has(key)) {
        alerted.current.add(key);
        fresh.push({ id: offer.conversation.id, kind: 'offered' });
      }
    }
    for (const id of Object.keys(highlighted)) {
      const key = `queued:${id}`;
      if (!alerted.current.has(key)) {
        alerted.current.add(key);
        if (!fresh.some((item) => item.id === id)) fresh.push({ id, kind: 'queued' });
      }
    }
    if (fresh.length === 0) return;
    const settings = alertSettingsNow();
    if (settings.sound) playChime();
    if (!settings.desktop) return;
    const { byId: rows, onOpen: open, t: translate } = latest.current;
    for (const item of fresh) {
      const conversation = rows[item.id];
      const name = conversation ? contactName(conversation.contact, translate) : '';
      const preview = conversation?.lastMessage?.text ?? '';
      notifyDesktop(
        translate(item.kind === 'offered' ? 'alerts.offeredTitle' : 'alerts.queuedTitle'),
        [name, preview].filter(Boolean).join(': ').slice(0, 140),
        `tandem-${item.id}`,
        () => open(item.id),
      );
    }
  }, [highlighted, offers]);
}
