import { normalizeText } from './normalize.ts';
import { toSimplified } from './traditional.ts';

/**
 * Well-known companies and services a customer of some other shop might name: marketplaces, payment
 * apps, banks and card issuers, carriers, apps and brands, in China and abroad. A question that names
 * one the workspace's own knowledge never mentions ("how do I reset my Netflix password", "招商银行信用卡
 * 怎么还款") is probably about that company, not this shop: the bot may offer its own articles but should
 * not answer as if it were. Written for this purpose from general knowledge; a workspace that deals with
 * one of them says so simply by mentioning it in its knowledge base.
 */
const ORGANIZATIONS = `
淘宝, 天猫, 京东, 拼多多, 唯品会, 苏宁, 闲鱼, 小红书, 得物app, 抖音商城, 快手小店, 美团, 饿了么, 大众点评, 盒马, 山姆, 宜家家居, 网易严选, 亚马逊, taobao
tmall, jd.com, pinduoduo, amazon, ebay, walmart, costco, ikea, aliexpress, alibaba, shein, temu
etsy, home depot, zara, h&m, uniqlo, nike, adidas, sephora, wayfair, shopify, rakuten, lazada
shopee, flipkart, 支付宝, 微信支付, 财付通, 云闪付, 花呗, 借呗, 京东白条, 美团月付, paypal, venmo, cash app, zelle, klarna
afterpay, revolut, 工商银行, 建设银行, 农业银行, 中国银行, 交通银行, 招商银行, 招行, 浦发银行, 民生银行, 中信银行, 光大银行, 兴业银行, 平安银行, 广发银行
华夏银行, 邮储银行, 北京银行, 上海银行, 微众银行, 网商银行, hsbc, citibank, citi, jpmorgan, bank of america, wells fargo
barclays, lloyds, santander, natwest, capital one, american express, amex, discover card
standard chartered, dbs, icbc, bank of china, 顺丰, 中通快递, 圆通速递, 申通快递, 韵达, 极兔, 德邦, 京东物流, 菜鸟裹裹, 菜鸟驿站
百世快递, fedex, ups, dhl, usps, royal mail, canada post, sf express, 微信, qq, 微博, 百度, 腾讯, 阿里巴巴, 网易, 字节跳动
抖音, 快手app, 哔哩哔哩, b站, 爱奇艺, 优酷, 腾讯视频, 芒果tv, 滴滴出行, 高德地图, 携程, 去哪儿, 飞猪, 12306, 中国移动, 中国联通, 中国电信, 星巴克, 麦当劳
肯德基, 瑞幸, 喜茶, 华为, 小米商城, 苹果官网, wechat, weibo, baidu, tencent, tiktok, douyin, netflix, spotify
youtube, facebook, instagram, whatsapp, twitter, snapchat, linkedin, google, gmail, microsoft, xbox
playstation, uber, lyft, airbnb, booking.com, expedia, doordash, grubhub, deliveroo, starbucks
mcdonald's, mcdonalds, kfc, verizon, at&t, t-mobile, vodafone, comcast, disney+, hulu, hbo
`
  .split(/,|\n/)
  .map((n) => n.trim())
  .filter((n) => n.length > 0);

const HAN = /\p{Script=Han}/u;
const fold = (text: string) => toSimplified(normalizeText(text)).toLowerCase();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Name {
  name: string;
  pattern: RegExp;
}

// longest first: "京东物流" is found (and blanked out) before "京东" is looked for
const NAMES: Name[] = ORGANIZATIONS.map((raw) => {
  const name = fold(raw);
  // Latin names match as whole words ("ups" is not in "groups" or "top-ups"); Chinese names anywhere, so
  // the list keeps only names that do not occur inside everyday words (no 工行 for 员工行为, 中通 for 中通知)
  const pattern = HAN.test(name)
    ? new RegExp(escapeRegExp(name), 'gu')
    : new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(name)}(?![\\p{L}\\p{N}-])`, 'gu');
  return { name, pattern };
}).sort((a, b) => b.name.length - a.name.length);

/** The names a text mentions; a name inside a longer one that is mentioned does not count. */
function mentions(text: string): Set<string> {
  let rest = fold(text);
  const found = new Set<string>();
  for (const { name, pattern } of NAMES) {
    pattern.lastIndex = 0;
    if (!pattern.test(rest)) continue;
    found.add(name);
    rest = rest.replace(pattern, ' ');
  }
  return found;
}

/**
 * The names a knowledge base mentions, by its whole text: the interim bot served after an edit and the bot
 * retrained for it read the same knowledge, so the second is not read again. The newest few are kept.
 */
const ownCache = new Map<string, ReadonlySet<string>>();
const OWN_KEEP = 8;

function ownMentions(text: string): ReadonlySet<string> {
  let found = ownCache.get(text);
  if (found) ownCache.delete(text);
  else found = mentions(text);
  ownCache.set(text, found);
  while (ownCache.size > OWN_KEEP) {
    const oldest = ownCache.keys().next().value;
    if (oldest === undefined) break;
    ownCache.delete(oldest);
  }
  return found;
}

/** Finds well-known companies named in a text that a given body of text (the workspace's knowledge) never names. */
export class OrganizationGuard {
  private readonly own = new Set<string>();

  /** `own`: what the workspace's knowledge says, as one text or as its texts (phrasings and answers) */
  constructor(own: string | readonly string[]) {
    for (const name of ownMentions(typeof own === 'string' ? own : own.join('\n'))) this.own.add(name);
  }

  /** the other companies this text names (folded), longest name first */
  othersIn(text: string): string[] {
    return [...mentions(text)].filter((name) => !this.own.has(name));
  }
}
