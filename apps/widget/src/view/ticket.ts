import type { Lang } from '@tandem/protocol';
import { t } from '../i18n.ts';
import {
  checkTicket,
  type Problems,
  problemText,
  TICKET_FIELDS,
  type TicketDraft,
  type TicketPayload,
} from '../ticket.ts';
import { button, el, setText } from './dom.ts';

/**
 * The form to leave a message, inside the conversation: name (optional), e-mail and phone (one of them),
 * the message; send or cancel. Each field has its label and, under it, what to change: checked when the
 * customer sends, then again as they type; the send button is disabled while sending.
 */
export interface TicketForm {
  readonly node: HTMLFormElement;
  /** shows (and focuses, when it appears) or hides the form */
  update(lang: Lang, open: boolean): void;
}

const labels = {
  name: 'ticketName',
  email: 'ticketEmail',
  phone: 'ticketPhone',
  message: 'ticketMessage',
} as const;

export function createTicketForm(handlers: {
  /** sends the message; resolves to what the server refused, or null once it was left */
  send: (payload: TicketPayload) => Promise<Problems | null>;
  /** cancelled, or the message was left */
  onClose: () => void;
}): TicketForm {
  const node = el('form', 'ticket');
  node.noValidate = true;
  node.hidden = true;
  const title = el('p', 'tk-h');
  title.id = 'tdm-tk';
  node.setAttribute('aria-labelledby', title.id);
  // "an e-mail address or a phone number, at least one"
  const hint = el('p', 'tk-hint');
  hint.id = 'tdm-tk-hint';
  node.append(title, hint);

  let lang: Lang = 'zh';
  let problems: Problems = {};
  /** a send was tried: the fields are checked again as the customer types */
  let checked = false;
  let sending = false;

  const fields = TICKET_FIELDS.map((field) => {
    const input = field === 'message' ? el('textarea', 'input') : el('input', 'input');
    input.id = `tdm-tk-${field}`;
    if (input instanceof HTMLInputElement) {
      input.type = field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text';
      input.autocomplete = field === 'phone' ? 'tel' : field === 'email' ? 'email' : 'name';
    } else input.rows = 3;
    input.addEventListener('input', () => {
      if (checked && !sending) {
        problems = checkTicket(draft()).problems;
        paint();
      }
    });
    const label = el('label');
    label.htmlFor = input.id;
    const error = el('p', 'tk-err');
    error.id = `${input.id}-e`;
    const contact = field === 'email' || field === 'phone';
    input.setAttribute('aria-describedby', contact ? `${hint.id} ${error.id}` : error.id);
    node.append(label, input, error);
    return { field, input, label, error, contact };
  });

  // what the server refused without naming a field, or the connection failing
  const formError = el('p', 'tk-err');
  formError.setAttribute('role', 'alert');
  const actions = el('div', 'tk-actions');
  const cancel = button('leave', handlers.onClose);
  const submit = el('button', 'send-rating');
  submit.type = 'submit';
  actions.append(cancel, submit);
  node.append(formError, actions);

  const draft = () =>
    Object.fromEntries(fields.map(({ field, input }) => [field, input.value])) as TicketDraft;
  /** the cursor to the first field to fix, else the first field */
  const focus = () => (node.querySelector<HTMLElement>('[aria-invalid="true"]') ?? fields[0]?.input)?.focus();

  function paint(): void {
    setText(title, t(lang, 'leave'));
    setText(hint, t(lang, 'ticketHint'));
    for (const { field, input, label, error, contact } of fields) {
      setText(label, t(lang, labels[field]));
      // neither e-mail nor phone: said under the e-mail, both marked
      setText(
        error,
        problemText(lang, problems[field] ?? (field === 'email' ? problems.contact : undefined)),
      );
      input.setAttribute('aria-invalid', String(!!problems[field] || (contact && !!problems.contact)));
    }
    setText(formError, problemText(lang, problems.form));
    setText(cancel, t(lang, 'cancel'));
    setText(submit, t(lang, sending ? 'sending' : 'send'));
    submit.disabled = cancel.disabled = sending;
  }

  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const result = checkTicket(draft());
    checked = true;
    problems = result.problems;
    sending = result.payload !== null;
    paint();
    if (!result.payload) return focus();
    const refused = await handlers.send(result.payload);
    sending = false;
    problems = refused ?? {};
    if (refused) {
      paint();
      return focus();
    }
    // left: an empty form for next time (the conversation closes with a notice that says so)
    for (const { input } of fields) input.value = '';
    checked = false;
    handlers.onClose();
  });

  return {
    node,
    update(nextLang, open) {
      lang = nextLang;
      const opening = open && node.hidden;
      node.hidden = !open;
      if (!open) return;
      if (opening && !checked) problems = {};
      paint();
      if (opening) {
        // its title and what it needs in view (on a small phone the whole form does not fit), the cursor in it
        // (its scrolling parent only: scrollIntoView could move the page behind the chat)
        const log = node.parentElement;
        if (log) log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
        fields[0]?.input.focus({ preventScroll: true });
      }
    },
  };
}
