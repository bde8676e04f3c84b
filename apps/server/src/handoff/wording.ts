import type { EmotionStateName, HandoffDetail, HandoffReason, Lang } from '@tandem/protocol';

type Words = Record<Lang, string>;

// the same words as the console's (apps/console/src/locales), so summary and screen agree
const EMOTIONS: Record<EmotionStateName, Words> = {
  anger: { zh: '愤怒', en: 'angry' },
  frustration: { zh: '烦躁', en: 'frustrated' },
  impatience: { zh: '不耐烦', en: 'impatient' },
  urgency: { zh: '着急', en: 'urgent' },
  complaint: { zh: '投诉', en: 'complaining' },
  threat_to_leave: { zh: '扬言离开', en: 'threatening to leave' },
  public_complaint: { zh: '扬言曝光', en: 'threatening to go public' },
  distrust: { zh: '不信任', en: 'distrustful' },
  sarcasm: { zh: '讽刺', en: 'sarcastic' },
  disgust: { zh: '反感', en: 'disgusted' },
  anxiety: { zh: '焦虑', en: 'anxious' },
  worry: { zh: '担心', en: 'worried' },
  fear: { zh: '害怕', en: 'afraid' },
  sadness: { zh: '难过', en: 'sad' },
  disappointment: { zh: '失望', en: 'disappointed' },
  helplessness: { zh: '无助', en: 'helpless' },
  confusion: { zh: '困惑', en: 'confused' },
  shock: { zh: '震惊', en: 'shocked' },
  surprise: { zh: '惊讶', en: 'surprised' },
  gratitude: { zh: '感激', en: 'grateful' },
  satisfaction: { zh: '满意', en: 'satisfied' },
  relief: { zh: '放心', en: 'relieved' },
  praise: { zh: '称赞', en: 'praising' },
  joy: { zh: '开心', en: 'happy' },
  neutral: { zh: '平静', en: 'calm' },
};

const BASIC: Record<string, Words> = {
  anger: { zh: '愤怒', en: 'anger' },
  disgust: { zh: '反感', en: 'disgust' },
  fear: { zh: '恐惧', en: 'fear' },
  joy: { zh: '愉快', en: 'joy' },
  sadness: { zh: '悲伤', en: 'sadness' },
  surprise: { zh: '惊讶', en: 'surprise' },
  neutral: { zh: '平静', en: 'neutral' },
};

const TRENDS: Record<'improving' | 'steady' | 'worsening', Words> = {
  improving: { zh: '好转', en: 'improving' },
  steady: { zh: '平稳', en: 'steady' },
  worsening: { zh: '恶化', en: 'worsening' },
};

const REASONS: Record<HandoffReason, Words> = {
  customer_request: { zh: '客户要求', en: 'the customer asked for a person' },
  keyword: { zh: '客户要求转人工', en: 'the customer asked for a person' },
  repeated_miss: { zh: '机器人两次未答', en: 'the bot could not answer twice' },
  rule: { zh: '规则', en: 'a staff rule' },
  emotion: { zh: '客户情绪', en: 'upset customer' },
  flow: { zh: '流程', en: 'a flow step' },
  human_first: { zh: '人工优先', en: 'human first' },
};

// why the emotion handed over (engine emotion/escalation.ts reasons)
const ESCALATIONS: Record<string, Words> = {
  high_anger: { zh: '强烈愤怒', en: 'strong anger' },
  urgency: { zh: '着急', en: 'urgency' },
  complaint: { zh: '投诉', en: 'a complaint' },
  threat_to_leave: { zh: '扬言离开', en: 'threatening to leave' },
  public_complaint: { zh: '扬言曝光', en: 'threatening to go public' },
  distress: { zh: '恐慌', en: 'distress' },
  repeated_frustration: { zh: '持续不满', en: 'repeated frustration' },
  // the engine's word when its advice gave no reason
  emotion: { zh: '情绪激动', en: 'strong feelings' },
};

const DETAILS: Record<HandoffDetail['type'], Words> = {
  order_number: { zh: '订单号', en: 'order number' },
  phone: { zh: '手机', en: 'phone' },
  email: { zh: '邮箱', en: 'e-mail' },
  bank_card: { zh: '银行卡', en: 'card' },
  bank_card_last4: { zh: '卡号后四位', en: "card's last four digits" },
  id_number: { zh: '身份证号', en: 'ID number' },
  money: { zh: '金额', en: 'amount' },
  datetime: { zh: '时间', en: 'time' },
};

const TIERS: Record<'agent' | 'expert', Words> = {
  agent: { zh: '一线客服', en: 'agents' },
  expert: { zh: '专家', en: 'experts' },
};

export const emotionWord = (state: string, lang: Lang) =>
  EMOTIONS[state as EmotionStateName]?.[lang] ?? state;
export const basicEmotionWord = (basic: string, lang: Lang) => BASIC[basic]?.[lang] ?? basic;
export const trendWord = (trend: keyof typeof TRENDS, lang: Lang) => TRENDS[trend][lang];
export const reasonWord = (reason: HandoffReason, lang: Lang) => REASONS[reason][lang];
/** Why the emotion handed over, in words; null for a reason this server has no words for (never the code). */
export const escalationWord = (detail: string, lang: Lang): string | null =>
  ESCALATIONS[detail]?.[lang] ?? null;
export const detailWord = (type: HandoffDetail['type'], lang: Lang) => DETAILS[type][lang];
export const tierWord = (tier: 'agent' | 'expert', lang: Lang) => TIERS[tier][lang];

const FLOW_OUTCOMES: Record<string, Words> = {
  waiting: { zh: '进行中', en: 'in progress' },
  ended: { zh: '已完成', en: 'finished' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  handover: { zh: '转人工', en: 'handed over' },
  digressed: { zh: '中断', en: 'interrupted' },
  failed: { zh: '失败', en: 'failed' },
};

export const flowOutcomeWord = (outcome: string, lang: Lang) => FLOW_OUTCOMES[outcome]?.[lang] ?? outcome;
