import { detectSmallTalk } from './smallTalk.ts';

/** What a message refers to when it carries no question of its own. */
export type Reference = 'order' | 'link' | 'number' | 'other';

/**
 * Placeholders that stand for something a customer sent (exported chat logs and other channels replace
 * them so): `[链接x]`, `[数字x]`, `[ORDERID_10002340]`, and an order card
 * `[订单编号:[订单x]，订单金额:[金额x]，下单时间:[日期x] [时间x]]` (the inner ones go first, then the card).
 */
const PLACEHOLDER =
  /\[(?:\p{Script=Han}{1,8}[xX]|[A-Z]{2,12}_[^[\]]{0,40}|[^[\]]{0,80}(?:订单编号|订单号)[^[\]]{0,80})\]/gu;
const URL = /\b(?:https?:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef]+/giu;
// an order number named as one, or a code of letters then digits (TD20240301001, SO-123456)
const ORDER_NUMBER =
  /(?:订单编号|订单号|单号|order\s*(?:number|no\.?|id|#))\s*(?:是|为|is)?\s*[:：#]?\s*[A-Za-z0-9-]{4,40}|\b[A-Za-z]{1,4}[-_]?\d{6,20}\b/giu;
const LONG_NUMBER = /[+＋]?\d[\d\s-]{4,30}\d/gu;
// what may stand around a reference without asking anything ("看看这个 [链接x]", "order: …")
const AROUND =
  /订单编号|订单金额|下单时间|订单号|单号|订单|链接|帮我看看|帮我看下|帮我看一下|看看|看下|看一下|这个|这|请看|我的|order|number|link|this|here|check|look|please|pls|my|is/giu;

function kindOf(placeholder: string): Reference {
  if (/订单|order/iu.test(placeholder)) return 'order';
  if (/链接|link|url/iu.test(placeholder)) return 'link';
  if (/数字|金额|电话|手机|num|phone/iu.test(placeholder)) return 'number';
  return 'other';
}

/** The text with placeholders and links blanked out: what the FAQ matcher should read. */
export function withoutPlaceholders(text: string): string {
  let out = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = out.replace(PLACEHOLDER, ' ');
    if (next === out) break;
    out = next;
  }
  return out.replace(URL, ' ');
}

/**
 * The reference a message is made of when that is all it is (an order card, a link, a number, placeholders
 * around a hello), or null when it asks or says something: "[链接x]" → link, "[订单x] 在吗" → order,
 * "[订单x]到哪了" → null (the matcher answers that).
 */
export function onlyReference(text: string): Reference | null {
  const found = new Set<Reference>();
  let rest = text;
  for (let pass = 0; pass < 3; pass++) {
    const next = rest.replace(PLACEHOLDER, (p) => {
      found.add(kindOf(p));
      return ' ';
    });
    if (next === rest) break;
    rest = next;
  }
  rest = rest
    .replace(URL, () => {
      found.add('link');
      return ' ';
    })
    .replace(ORDER_NUMBER, () => {
      found.add('order');
      return ' ';
    })
    .replace(LONG_NUMBER, () => {
      found.add('number');
      return ' ';
    });
  if (found.size === 0) return null;
  const left = rest.replace(AROUND, ' ').replace(/[\s\p{P}\p{S}]+/gu, '');
  if (left.length > 0 && detectSmallTalk(left) === null) return null;
  for (const kind of ['order', 'link', 'number', 'other'] as const) if (found.has(kind)) return kind;
  return null;
}

/** Letters, but none Chinese or Latin: a language the bot cannot read (Привет, こんにちは, 안녕하세요). */
export const inOtherScript = (text: string) =>
  /\p{L}/u.test(text) && !/[\p{Script=Han}\p{Script=Latin}]/u.test(text);
