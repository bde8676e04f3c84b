// Whole-message phrase matching: a message is a cancel (or yes, or no) only if it is made entirely of
// such phrases and fillers, so "取消订单" or "no, it's 202611230003" are not read as bare cancel / no.

// Compared after folding: lower case, no spaces or punctuation ("never mind" → "nevermind").
const words = (list: string) => list.split(' ');

const PARTICLES = words('吧 了 啦 呀 啊 哈 哦 喔 呢 嘛 的 谢谢 谢啦 麻烦 please pls thanks thankyou thx');

const CANCEL = words(
  '算了 不用了 取消 不要了 不办了 不查了 不改了 不退了 不弄了 不需要了 没事了 退出 结束 停止 不想办了 先不了 ' +
    'cancel nevermind nvm stop forgetit forgetaboutit quit exit abort noneed notnow',
);
const CANCEL_FILLERS = [
  ...PARTICLES,
  ...words('好 好吧 那 那就 还是 先 我 ok okay oh just actually lets i want to it this'),
];

const YES = words(
  '是 是的 对 对的 好 好的 行 可以 没错 没问题 正确 确认 确定 嗯 是啊 对啊 ' +
    'yes yep yeah yup y correct right ok okay sure confirm thatsright thatscorrect exactly absolutely',
);
const NO = words(
  '不 否 不对 不是 不要 不用 错了 错 不正确 不行 没有 不确认 no nope n nah wrong incorrect notright not thatswrong',
);

/** 算了 / 不用了 / cancel / never mind…: the customer drops the task. */
export function isCancel(text: string): boolean {
  return consists(text, CANCEL, CANCEL_FILLERS);
}

/** A bare yes or no, or null when the message says something else. */
export function yesOrNo(text: string): 'yes' | 'no' | null {
  if (consists(text, YES, PARTICLES)) return 'yes';
  if (consists(text, NO, PARTICLES)) return 'no';
  return null;
}

const CORRECTION =
  /^\s*(?:(?:不是|不对|错了|说错了|搞错了|no|nope|wrong|sorry|actually)(?![a-z])[\s,，。.!！:：]*)?(?:(?:应该是|改成|改为|换成|换为|是)\s*|(?:it'?s|it is|should be|i meant|make it|change it to)\s+)?/i;
const NEGATION = /^\s*(?:不是|不对|错了|说错了|搞错了|no|nope|wrong)(?![a-z])/i;

/** "不是，是 X" / "no, it's X": whether the message starts by denying, and the X that follows. */
export function readCorrection(text: string): { negated: boolean; rest: string } {
  const match = CORRECTION.exec(text);
  const rest = match ? text.slice(match[0].length).trim() : text.trim();
  return { negated: NEGATION.test(text), rest };
}

function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

function consists(text: string, list: string[], fillers: string[]): boolean {
  const input = normalize(text);
  if (input.length === 0 || input.length > 40) return false;
  const entries = [
    ...list.map((word) => ({ word, counts: true })),
    ...fillers.map((word) => ({ word, counts: false })),
  ];
  // reach[i]: 0 unreached, 1 reached with fillers only, 2 reached with at least one word.
  const reach = new Array<number>(input.length + 1).fill(0);
  reach[0] = 1;
  for (let i = 0; i < input.length; i++) {
    const here = reach[i] ?? 0;
    if (here === 0) continue;
    for (const { word, counts } of entries) {
      if (!input.startsWith(word, i)) continue;
      const end = i + word.length;
      reach[end] = Math.max(reach[end] ?? 0, counts ? 2 : here);
    }
  }
  return reach[input.length] === 2;
}
