import type { KnowledgeEntry } from './types.ts';

/** A small hand-written bilingual knowledge base for tests. */
export const testKnowledge: KnowledgeEntry[] = [
  {
    id: 'refund',
    category: 'orders',
    questions: {
      zh: ['怎么申请退款', '我想退款', '退款多久到账'],
      en: ['How do I get a refund?', 'I want my money back', 'How long does a refund take?'],
    },
    answer: {
      zh: '在“我的订单”里点击“申请退款”，审核通过后 3 个工作日内原路退回。',
      en: 'Open My Orders and tap Request refund; the money is returned within 3 working days.',
    },
    related: ['order-status', 'return-shipping'],
  },
  {
    id: 'password',
    category: 'account',
    questions: {
      zh: ['忘记密码怎么办', '怎么重置密码', '登录密码找回'],
      en: ['I forgot my password', 'How do I reset my password?', 'Cannot log in, password lost'],
    },
    answer: {
      zh: '在登录页点击“忘记密码”，按短信验证码重置即可。',
      en: 'Tap "Forgot password" on the sign-in page and follow the SMS code.',
    },
    related: [],
  },
  {
    id: 'order-status',
    category: 'orders',
    questions: {
      zh: ['我的订单到哪了', '查询订单物流', '快递什么时候到'],
      en: ['Where is my order?', 'Track my parcel', 'When will my package arrive?'],
    },
    answer: { zh: '在“我的订单”中可以查看实时物流。', en: 'You can follow your parcel live in My Orders.' },
    related: ['refund'],
  },
  {
    id: 'return-shipping',
    category: 'orders',
    questions: {
      zh: ['退货运费谁承担', '退货要付运费吗'],
      en: ['Who pays for return shipping?', 'Do I pay shipping for a return?'],
    },
    answer: { zh: '质量问题退货运费由我们承担。', en: 'We pay return shipping when the item is faulty.' },
    related: ['refund'],
  },
  {
    id: 'invoice',
    category: 'billing',
    questions: {
      zh: ['怎么开发票', '可以开增值税发票吗'],
      en: ['How do I get an invoice?', 'Can you issue a VAT invoice?'],
    },
    answer: {
      zh: '下单后在订单详情页申请电子发票。',
      en: 'Request an electronic invoice from the order details page.',
    },
    related: [],
  },
  {
    id: 'jobs',
    category: 'company',
    questions: {
      zh: ['你们招聘吗', '人力资源部门怎么联系'],
      en: ['How do I contact human resources?', 'Are you hiring?'],
    },
    answer: { zh: '请把简历发到 hr@example.com。', en: 'Please send your CV to hr@example.com.' },
    related: [],
  },
  {
    id: 'hours',
    category: 'company',
    questions: {
      zh: ['客服工作时间', '你们几点上班'],
      en: ['What are your opening hours?', 'When is customer service open?'],
    },
    answer: {
      zh: '人工客服每天 9:00-21:00 在线。',
      en: 'Our agents are online every day from 9:00 to 21:00.',
    },
    related: [],
  },
  {
    id: 'delivery-fee',
    category: 'orders',
    questions: {
      zh: ['运费怎么算', '包邮吗'],
      en: ['How much is delivery?', 'Is shipping free?'],
    },
    answer: { zh: '订单满 99 元包邮。', en: 'Delivery is free for orders over 99 CNY.' },
    related: [],
  },
];

/**
 * Entries whose ids, categories, phrasings and answers use names of Object.prototype's members
 * (constructor, __proto__, toString…): for tests that no lookup table keyed by text finds those members.
 */
/** Names of Object.prototype's members: text must never find them in a lookup table (tests). */
export const PROTOTYPE_WORDS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'isPrototypeOf',
];

export const prototypeWordKnowledge: KnowledgeEntry[] = [
  {
    id: 'constructor',
    category: '__proto__',
    questions: {
      zh: ['constructor 是什么', '什么是构造函数 constructor'],
      en: ['What is a constructor?', 'explain the constructor', 'how does a constructor work'],
    },
    answer: {
      zh: 'constructor 是创建对象的构造函数。',
      en: 'A constructor is the function that creates an object.',
    },
    related: ['toString', '__proto__'],
  },
  {
    id: 'toString',
    category: 'hasOwnProperty',
    questions: {
      zh: ['toString 和 valueOf 有什么区别', '__proto__ 是什么意思'],
      en: [
        'What is the __proto__ of toString?',
        'difference between toString and valueOf',
        'hasOwnProperty prototype',
      ],
    },
    answer: {
      zh: 'toString 返回文字，valueOf 返回原始值，__proto__ 指向原型。',
      en: 'toString gives text, valueOf gives the primitive value, and __proto__ points to the prototype.',
    },
    related: ['constructor'],
  },
];
