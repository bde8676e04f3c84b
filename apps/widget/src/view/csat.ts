import type { Lang } from '@tandem/protocol';
import { t } from '../i18n.ts';
import type { CsatStep } from '../state.ts';
import { button, el, setText } from './dom.ts';

/** The rating prompt after a conversation ended: five stars, an optional comment, send; then a thank-you. */
export interface Csat {
  readonly node: HTMLElement;
  /** `id`: the conversation asked about (a new one starts with no stars and no comment) */
  update(lang: Lang, step: CsatStep | null, id: string): void;
}

export function createCsat(onSend: (score: number, comment: string) => void): Csat {
  const node = el('div', 'csat');
  const ask = el('p');
  ask.id = 'tdm-csat';
  const stars = el('div', 'stars');
  stars.setAttribute('role', 'group');
  stars.setAttribute('aria-labelledby', ask.id);
  const comment = el('textarea', 'input');
  comment.maxLength = 1000;
  comment.rows = 2;
  const send = button('send-rating', () => onSend(score, comment.value));
  const line = el('p');
  line.setAttribute('role', 'status');
  node.append(ask, stars, comment, send, line);

  let score = 0;
  let shownFor = '';
  const choices = [1, 2, 3, 4, 5].map((n) => {
    const star = button('', () => {
      score = n;
      paint();
    });
    star.textContent = '★';
    stars.append(star);
    return star;
  });
  function paint(): void {
    choices.forEach((star, i) => {
      star.dataset.on = String(i < score);
      star.setAttribute('aria-pressed', String(i + 1 === score));
    });
    send.disabled = score === 0 || send.dataset.busy === 'true';
  }

  return {
    node,
    update(lang, step, id) {
      node.hidden = step === null;
      if (id !== shownFor) {
        shownFor = id;
        score = 0;
        comment.value = '';
      }
      const thanks = step === 'thanks';
      for (const part of [ask, stars, comment, send]) part.hidden = thanks;
      setText(ask, t(lang, 'csatAsk'));
      choices.forEach((star, i) => {
        star.setAttribute('aria-label', t(lang, 'csatStar', { n: i + 1 }));
      });
      comment.placeholder = t(lang, 'csatComment');
      comment.setAttribute('aria-label', comment.placeholder);
      setText(send, t(lang, 'csatSend'));
      send.dataset.busy = String(step === 'sending');
      line.dataset.error = String(step === 'failed');
      setText(line, thanks ? t(lang, 'csatThanks') : step === 'failed' ? t(lang, 'csatFailed') : '');
      paint();
    },
  };
}
