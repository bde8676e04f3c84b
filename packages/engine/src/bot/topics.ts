import type { KnowledgeEntry, Lang } from './types.ts';

/**
 * Names of the categories knowledge bases commonly use, in both languages: how the bot says what it can
 * help with ("订单、物流配送、退换货等" / "orders, delivery and returns"). A category not listed here is named
 * as written when it is in the reply's language (a Chinese workspace's 「以旧换新」), and left out otherwise.
 */
const CATEGORY_NAMES = new Map<string, Record<Lang, string>>(
  (
    [
      [['orders', 'order'], '订单', 'orders'],
      [['shipping', 'delivery', 'logistics'], '物流配送', 'delivery'],
      [['returns', 'return', 'exchanges'], '退换货', 'returns'],
      [['refunds', 'refund'], '退款', 'refunds'],
      [['invoices', 'invoice', 'invoicing'], '发票', 'invoices'],
      [['account', 'accounts', 'login'], '账号', 'your account'],
      [['security'], '账号安全', 'account security'],
      [['membership', 'members', 'loyalty', 'points'], '会员积分', 'membership'],
      [['payment', 'payments', 'pay'], '支付', 'payment'],
      [['billing', 'bills'], '账单', 'billing'],
      [['products', 'product', 'catalog'], '商品', 'products'],
      [['promotions', 'coupons', 'offers'], '优惠活动', 'offers'],
      [['warranty', 'repairs', 'aftersales', 'after-sales'], '售后保修', 'warranty and repairs'],
      [['stores', 'store'], '门店', 'our stores'],
    ] as const
  ).flatMap(([ids, zh, en]) => ids.map((id) => [id, { zh, en }] as const)),
);

const HAN = /\p{Script=Han}/u;
const LATIN_ONLY = /^[A-Za-z][A-Za-z &/-]*$/;
const MAX_TOPICS = 6;

function categoryName(category: string, lang: Lang): string | null {
  const key = category.trim().toLowerCase();
  const known = CATEGORY_NAMES.get(key);
  if (known) return known[lang];
  if (lang === 'zh') return HAN.test(key) ? category.trim() : null;
  return LATIN_ONLY.test(key) ? key.replace(/[-_]/g, ' ') : null;
}

/**
 * What the knowledge base is about, in `lang`: its largest categories (at most six), in the knowledge
 * base's own order, joined as a phrase ("订单、物流配送、退款" / "orders, delivery and refunds"); null when
 * none can be named in that language.
 */
export function knowledgeTopics(entries: readonly KnowledgeEntry[], lang: Lang): string | null {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const name = categoryName(entry.category, lang);
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const order = [...counts.keys()];
  const top = new Set(
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
      .slice(0, MAX_TOPICS)
      .map(([name]) => name),
  );
  const names = order.filter((name) => top.has(name));
  if (names.length === 0) return null;
  if (lang === 'zh') return names.join('、');
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
