import type { HandoffSummary, Lang } from '@tandem/protocol';
import type { IntentNames } from './names.ts';
import { clip } from './text.ts';
import {
  basicEmotionWord,
  detailWord,
  emotionWord,
  escalationWord,
  flowOutcomeWord,
  reasonWord,
  tierWord,
  trendWord,
} from './wording.ts';

const TEXT_CHARS = 1200;
const QUOTED_CHARS = 40;
const DETAIL_CHARS = 80;
const LISTED_DETAILS = 8;
const NAME_CHARS = 40;
const TOPIC_CHARS = 40;

/** Who the customer is, as far as the summary says. */
export interface CustomerLine {
  name: string | null;
  verifiedId: string | null;
  /** whether the customer wrote anything at all */
  customerSpoke: boolean;
}

const Q: Record<Lang, (text: string, max?: number) => string> = {
  zh: (text, max = QUOTED_CHARS) => `“${clip(text, max)}”`,
  en: (text, max = QUOTED_CHARS) => `"${clip(text, max)}"`,
};

/**
 * The summary as one paragraph a person reads in a few seconds, in Chinese or English: topics by their
 * readable names (`names`), never an entry id or a flow id.
 */
export function summaryText(
  summary: Omit<HandoffSummary, 'text'>,
  customer: CustomerLine,
  names: IntentNames,
): string {
  const { lang } = summary;
  const zh = lang === 'zh';
  const topic = (intent: string) => clip(names(intent), TOPIC_CHARS);
  const q = Q[lang];
  const sentences: string[] = [];
  const list = (items: string[]) => items.join(zh ? '；' : '; ');

  const { verifiedId } = customer;
  const name = customer.name ? clip(customer.name, NAME_CHARS) : null;
  if (name && verifiedId)
    sentences.push(
      zh ? `客户：${name}（已验证 ID ${verifiedId}）` : `Customer: ${name} (verified ID ${verifiedId})`,
    );
  else if (name) sentences.push(zh ? `客户：${name}` : `Customer: ${name}`);
  else if (verifiedId)
    sentences.push(zh ? `客户：已验证 ID ${verifiedId}` : `Customer: verified ID ${verifiedId}`);
  if (!customer.customerSpoke) sentences.push(zh ? '客户还没有发消息' : 'The customer has not written yet');

  const { intent } = summary;
  if (intent) {
    const what = clip(intent.label, TOPIC_CHARS);
    const outcome = intent.flow ? flowOutcomeWord(intent.flow.outcome, lang) : null;
    const flowName = intent.flow ? topic(`flow:${intent.flow.id}`) : null;
    // a flow's own turns are certain (confidence 1): its state says more
    const how =
      intent.flow && intent.name === `flow:${intent.flow.id}`
        ? zh
          ? `流程${outcome}`
          : `flow ${outcome}`
        : [
            zh ? `置信度 ${intent.confidence.toFixed(2)}` : `confidence ${intent.confidence.toFixed(2)}`,
            flowName && (zh ? `流程「${flowName}」${outcome}` : `flow "${flowName}" ${outcome}`),
          ]
            .filter(Boolean)
            .join(zh ? '；' : '; ');
    sentences.push(zh ? `意图：${what}（${how}）` : `Intent: ${what} (${how})`);
  }

  if (summary.details.length > 0) {
    const shown = summary.details.slice(0, LISTED_DETAILS).map((d) => {
      const where =
        d.seqs[0] === undefined ? '' : zh ? `（第 ${d.seqs[0]} 条消息）` : ` (message ${d.seqs[0]})`;
      return `${detailWord(d.type, lang)} ${d.text}${where}`;
    });
    sentences.push(zh ? `已提供：${shown.join('、')}` : `Details given: ${shown.join(', ')}`);
  }

  if (summary.botAnswered.length > 0) {
    const answers = summary.botAnswered.map((a) => {
      const what = a.question ? q(a.question) : q(a.answer);
      return a.intent ? `${what}${zh ? `（${topic(a.intent)}）` : ` (${topic(a.intent)})`}` : what;
    });
    sentences.push(zh ? `机器人已回答：${list(answers)}` : `The bot answered: ${list(answers)}`);
  } else if (customer.customerSpoke) {
    sentences.push(zh ? '机器人尚未解答任何问题' : 'The bot has not answered any question');
  }

  if (summary.customerNeeds.length > 0) {
    const needs = list(summary.customerNeeds.map((n) => q(n.text)));
    sentences.push(zh ? `客户仍需要：${needs}` : `Still needs: ${needs}`);
  }

  if (summary.emotion) {
    const { current, trend } = summary.emotion;
    const state = emotionWord(current.state, lang);
    // the fine state with its family when they differ: 不耐烦（愤怒，强度 100%）
    const basic = basicEmotionWord(current.basic, lang);
    const strength = [
      basic !== state && current.basic !== 'neutral' ? basic : null,
      current.polarity === 'neutral'
        ? null
        : `${zh ? '强度' : 'intensity'} ${Math.round(current.intensity * 100)}%`,
    ].filter(Boolean);
    const how = strength.length === 0 ? '' : zh ? `（${strength.join('，')}）` : ` (${strength.join(', ')})`;
    sentences.push(
      zh
        ? `情绪：${state}${how}，趋势${trendWord(trend, lang)}`
        : `Emotion: ${state}${how}, ${trendWord(trend, lang)}`,
    );
  }

  const { reason } = summary;
  if (reason.code) {
    const why = reasonWord(reason.code, lang);
    const detail = reason.detail
      ? reason.code === 'emotion'
        ? escalationWord(reason.detail, lang)
        : q(reason.detail, DETAIL_CHARS)
      : null;
    const to = [reason.tier ? tierWord(reason.tier, lang) : null, reason.team].filter(Boolean).join(' · ');
    sentences.push(
      zh
        ? `转人工原因：${why}${detail ? `（${detail}）` : ''}${to ? `，转给${to}` : ''}`
        : `Handed over: ${why}${detail ? ` (${detail})` : ''}${to ? `, to ${to}` : ''}`,
    );
  }

  const text = zh ? `${sentences.join('。')}。` : `${sentences.join('. ')}.`;
  return clip(text, TEXT_CHARS);
}
