import type { Lang } from '@tandem/protocol';
import { t } from '../i18n.ts';
import { button, el, icon, setText } from './dom.ts';

export type StatusTone = 'ok' | 'wait' | 'person' | 'done' | 'off';

/**
 * Title (the workspace name), status line and close button; below them the language switch and the
 * elder-friendly mode's 「大字模式」 toggle.
 */
export interface Header {
  readonly node: HTMLElement;
  readonly closeButton: HTMLButtonElement;
  update(view: {
    lang: Lang;
    /** the languages offered: the switch is hidden when there is only one */
    langs: readonly Lang[];
    title: string;
    status: string;
    tone: StatusTone;
    withPerson: boolean;
    elder: boolean;
  }): void;
}

export function createHeader(
  titleId: string,
  handlers: { onClose: () => void; onLang: (lang: Lang) => void; onElder: () => void },
): Header {
  const node = el('header', 'header');
  const top = el('div', 'top');
  const tools = el('div', 'tools');
  const avatar = el('div', 'avatar');
  avatar.setAttribute('aria-hidden', 'true');
  const botIcon = icon('bot');
  const personIcon = icon('headset');
  avatar.append(botIcon, personIcon);

  const titles = el('div', 'titles');
  const title = el('h2', 'title');
  title.id = titleId;
  const status = el('p', 'status');
  status.setAttribute('aria-live', 'polite');
  const dot = el('span', 'dot');
  const statusText = el('span');
  status.append(dot, statusText);
  titles.append(title, status);

  const langs = el('div', 'langs');
  langs.setAttribute('role', 'group');
  const zh = button('', () => handlers.onLang('zh'));
  zh.textContent = '中';
  zh.lang = 'zh-CN';
  const en = button('', () => handlers.onLang('en'));
  en.textContent = 'EN';
  en.lang = 'en';
  langs.append(zh, en);

  const closeButton = button('icon-btn', handlers.onClose);
  closeButton.append(icon('close'));

  const size = button('size', handlers.onElder);
  const sizeLabel = el('span');
  size.append(icon('size'), sizeLabel);

  top.append(avatar, titles, closeButton);
  tools.append(langs, size);
  node.append(top, tools);
  return {
    node,
    closeButton,
    update({ lang, langs: offered, title: name, status: line, tone, withPerson, elder }) {
      langs.hidden = !offered[1];
      setText(title, name);
      setText(statusText, line);
      status.dataset.tone = tone;
      botIcon.style.display = withPerson ? 'none' : '';
      personIcon.style.display = withPerson ? '' : 'none';
      langs.setAttribute('aria-label', t(lang, 'language'));
      zh.setAttribute('aria-pressed', String(lang === 'zh'));
      en.setAttribute('aria-pressed', String(lang === 'en'));
      zh.setAttribute('aria-label', t(lang, 'langZh'));
      en.setAttribute('aria-label', t(lang, 'langEn'));
      closeButton.setAttribute('aria-label', t(lang, 'closeChat'));
      setText(sizeLabel, t(lang, 'elderToggle'));
      size.setAttribute('aria-pressed', String(elder));
    },
  };
}
