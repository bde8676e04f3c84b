import type { Lang } from '@tandem/protocol';
import { t } from '../i18n.ts';
import { button, el, icon, setText } from './dom.ts';

/** The round chat bubble in the page corner, with its unread badge. */
export interface Launcher {
  readonly node: HTMLButtonElement;
  update(view: { lang: Lang; open: boolean; unread: number }): void;
}

export function createLauncher(windowId: string, onToggle: () => void): Launcher {
  const node = button('launcher', onToggle);
  node.setAttribute('aria-controls', windowId);
  const chat = icon('chat');
  const close = icon('close');
  const badge = el('span', 'badge');
  badge.setAttribute('aria-hidden', 'true');
  node.append(chat, close, badge);
  return {
    node,
    update({ lang, open, unread }) {
      chat.style.display = open ? 'none' : '';
      close.style.display = open ? '' : 'none';
      node.setAttribute('aria-expanded', String(open));
      badge.hidden = open || unread === 0;
      setText(badge, unread > 99 ? '99+' : String(unread));
      let label = t(lang, 'openChat');
      if (open) label = t(lang, 'closeChat');
      else if (unread > 0) label = t(lang, 'openChatUnread', { count: unread });
      node.setAttribute('aria-label', label);
    },
  };
}
