import { type Lang, MAX_MESSAGE_LENGTH } from '@tandem/protocol';
import { t } from '../i18n.ts';
import { countedLength } from '../state.ts';
import { button, el, icon, setText } from './dom.ts';

export type HandoffState = 'available' | 'busy' | 'queued' | 'assigned';

/**
 * The "talk to a person" button, the paperclip (an image or PDF is sent at once), the text box with its send
 * button, the counter and the error line.
 */
export interface Composer {
  readonly nodes: HTMLElement[];
  readonly input: HTMLTextAreaElement;
  text(): string;
  setText(text: string): void;
  focus(): void;
  update(view: { lang: Lang; handoff: HandoffState; error: string | null }): void;
}

export function createComposer(
  inputId: string,
  handlers: {
    /** returns true when the text was taken (then the box is cleared) */
    onSend: (text: string) => boolean;
    onHandoff: () => void;
    onInput: () => void;
    /** files the customer picked to send */
    onFiles: (files: File[]) => void;
  },
): Composer {
  const bar = el('div', 'handoff-bar');
  const handoff = button('handoff', () => handlers.onHandoff());
  const handoffLabel = el('span');
  handoff.append(icon('headset'), handoffLabel);
  bar.append(handoff);

  const form = el('form', 'composer');
  form.noValidate = true;
  const input = el('textarea', 'input');
  input.id = inputId;
  input.rows = 1;
  input.setAttribute('enterkeyhint', 'send');
  input.setAttribute('autocomplete', 'off');
  const send = el('button', 'send');
  send.type = 'submit';
  send.append(icon('send'));
  // the picker offers images and PDFs; the server decides by the content what may be sent
  const picker = el('input');
  picker.type = 'file';
  picker.accept = 'image/*,application/pdf';
  picker.multiple = true;
  picker.hidden = true;
  picker.addEventListener('change', () => {
    handlers.onFiles([...(picker.files ?? [])]);
    picker.value = '';
  });
  const attach = button('attach', () => picker.click());
  attach.append(icon('clip'));
  form.append(picker, attach, input, send);

  const foot = el('div', 'foot');
  const error = el('span', 'error');
  error.setAttribute('role', 'alert');
  const count = el('span', 'count');
  count.setAttribute('aria-live', 'polite');
  foot.append(error, count);

  let lang: Lang = 'zh';
  let externalError: string | null = null;

  function grow(): void {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight + 3, 140)}px`;
  }

  function refreshCount(): void {
    const length = countedLength(input.value);
    const over = length - MAX_MESSAGE_LENGTH;
    count.hidden = input.value.length === 0;
    setText(count, t(lang, 'charCount', { count: length, max: MAX_MESSAGE_LENGTH }));
    count.dataset.over = String(over > 0);
    input.setAttribute('aria-invalid', String(over > 0));
    send.disabled = length === 0 || over > 0;
    const message = over > 0 ? t(lang, 'tooLong', { max: MAX_MESSAGE_LENGTH, over }) : externalError;
    setText(error, message ?? '');
  }

  function submit(): void {
    const value = input.value;
    if (countedLength(value) === 0 || countedLength(value) > MAX_MESSAGE_LENGTH) {
      refreshCount();
      return;
    }
    if (handlers.onSend(value)) {
      input.value = '';
      grow();
      refreshCount();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
    input.focus();
  });
  input.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter is a new line; never while an IME (pinyin…) is composing.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener('input', () => {
    grow();
    refreshCount();
    handlers.onInput();
  });

  return {
    nodes: [bar, form, foot],
    input,
    text: () => input.value,
    setText(text) {
      input.value = text;
      grow();
      refreshCount();
    },
    focus() {
      input.focus();
    },
    update(view) {
      lang = view.lang;
      externalError = view.error;
      const labels = {
        available: 'handoff',
        busy: 'handoffWaiting',
        queued: 'handoffWaiting',
        assigned: 'handoffActive',
      } as const;
      setText(handoffLabel, t(lang, labels[view.handoff]));
      handoff.disabled = view.handoff !== 'available';
      handoff.title = t(lang, 'handoffHint');
      input.placeholder = t(lang, 'inputPlaceholder');
      input.setAttribute('aria-label', t(lang, 'inputLabel'));
      send.setAttribute('aria-label', t(lang, 'send'));
      attach.setAttribute('aria-label', t(lang, 'attach'));
      refreshCount();
    },
  };
}
