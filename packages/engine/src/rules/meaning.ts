import { Analyzer } from '../lang/index.ts';

/**
 * Matching a message to a rule's example sentences by what they say rather than by their exact words.
 *
 * Both sides are read by the engine's analyzer (Chinese words, English stems) with the groups of
 * `CONCEPTS`: words that mean the same to a service team, across both languages ("verification code",
 * "OTP", 验证码, 动态码 are one word; "support", "customer service", 客服, 工作人员 another). Function words
 * are dropped. Similarity is the cosine of the two weighted word sets (see `ExampleIndex`), so "A guy from
 * your support asked me for the verification code to process my refund" is close to "someone from customer
 * service asked for my code".
 *
 * A rule's counter-examples (`unlike`) keep it from firing on messages that share its words but not its
 * meaning ("I didn't receive my verification code"): the message must be closer to an example than to any
 * counter-example.
 */

/** Words that mean the same here; each group is read as its first member. */
export const CONCEPTS: readonly (readonly string[])[] = [
  [
    'verification code',
    'code',
    'codes',
    'otp',
    'one-time code',
    'one time password',
    'sms code',
    'security code',
    'passcode',
    'pin',
    '验证码',
    '动态码',
    '校验码',
    '短信码',
    '动态密码',
    '短信验证码',
  ],
  [
    'staff',
    'support',
    'customer service',
    'customer support',
    'agent',
    'representative',
    'rep',
    'employee',
    'your team',
    'official',
    'pretend',
    'pretending',
    'pretended',
    'claiming to be',
    'claims to be',
    'posing as',
    'impersonating',
    '客服',
    '工作人员',
    '专员',
    '官方',
    '客服人员',
    '员工',
    '冒充',
    '假冒',
    '自称',
  ],
  [
    'someone',
    'somebody',
    'a guy',
    'a man',
    'a woman',
    'a person',
    'caller',
    'stranger',
    '有人',
    '陌生人',
    '对方',
    '一个人',
  ],
  [
    'ask',
    'asked',
    'asks',
    'asking',
    'request',
    'want',
    'wants',
    'demand',
    'demanded',
    'need',
    'needs',
    'told me to',
    'tell',
    'give',
    'send',
    'share',
    'read out',
    '索要',
    '要',
    '需要',
    '要求',
    '让',
    '叫',
    '问我要',
    '告诉',
    '发给',
    '发我',
    '报',
    '提供',
  ],
  ['refund', 'money back', 'reimburse', 'compensation', 'compensate', '退款', '退钱', '赔偿', '理赔', '补偿'],
  ['transfer', 'wire', 'move money', 'send money', 'deposit', '转账', '汇款', '转钱', '打款', '垫付'],
  ['account', 'accounts', '账户', '账号', '帐户', '帐号'],
  ['safe', 'secure', 'safety', 'security', '安全'],
  ['screen', '屏幕'],
  ['call', 'called', 'phone', 'phoned', 'rang', '电话', '来电', '打电话'],
  ['loan', 'borrow', '贷款', '借款', '网贷', '校园贷'],
  ['police', 'court', '公安', '警察', '法院', '检察院'],
  ['link', 'url', 'website', '链接', '网址', '网站'],
  ['app', 'software', 'install', 'download', '软件', '下载', '安装'],
];

const STOP = new Set([
  // English
  'a',
  'an',
  'the',
  'i',
  'me',
  'my',
  'mine',
  'you',
  'your',
  'yours',
  'he',
  'him',
  'his',
  'she',
  'her',
  'it',
  'its',
  'we',
  'us',
  'our',
  'they',
  'them',
  'their',
  'this',
  'that',
  'these',
  'those',
  'is',
  'am',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'do',
  'doe',
  'does',
  'did',
  'have',
  'has',
  'had',
  'to',
  'of',
  'for',
  'from',
  'in',
  'on',
  'at',
  'by',
  'with',
  'and',
  'or',
  'so',
  'if',
  'then',
  'just',
  'also',
  'please',
  'can',
  'could',
  'would',
  'will',
  'should',
  'shall',
  'may',
  'might',
  'must',
  're',
  've',
  'll',
  'd',
  'there',
  'here',
  'they',
  'their',
  'what',
  'which',
  'who',
  'whom',
  'about',
  'as',
  'into',
  'up',
  'out',
  'over',
  'all',
  'some',
  'any',
  'one',
  'now',
  'today',
  'said',
  'say',
  'says',
  'hi',
  'hello',
  'thank',
  'thanks',
  'ok',
  'okay',
  'oh',
  'well',
  // Chinese
  '的',
  '了',
  '我',
  '你',
  '您',
  '他',
  '她',
  '它',
  '我们',
  '你们',
  '他们',
  '她们',
  '这',
  '那',
  '这个',
  '那个',
  '是',
  '在',
  '把',
  '被',
  '给',
  '就',
  '都',
  '也',
  '还',
  '又',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '么',
  '嘛',
  '说',
  '一下',
  '一个',
  '个',
  '和',
  '跟',
  '与',
  '或',
  '有',
  '没',
  '着',
  '过',
  '请',
  '请问',
  '想',
  '能',
  '可以',
  '会',
  '现在',
  '今天',
  '刚才',
  '刚刚',
  '这样',
  '那样',
  '怎么',
  '什么',
  '为了',
  '为',
  '对',
  '让我',
  '要我',
]);

/** One analyzer for every rule set: the concept groups are the same everywhere. */
let shared: Analyzer | null = null;
const analyzer = () => {
  shared ??= new Analyzer({ synonyms: CONCEPTS });
  return shared;
};

/** The words of a text that carry meaning, each once. */
export function meaningWords(text: string): string[] {
  const { surfaces, tokens } = analyzer().analyze(text);
  const kept = tokens.filter(
    (t, i) => t.length > 0 && !STOP.has(t) && !STOP.has(surfaces[i] ?? '') && /[\p{L}\p{N}]/u.test(t),
  );
  return [...new Set(kept)];
}

interface ExampleSet {
  examples: string[][];
  unlike: string[][];
  min: number;
  /** Word → share of the examples that use it. */
  share: Map<string, number>;
  /** Words most examples use (`CORE_SHARE`): what they have in common, which a message must say too. */
  core: string[];
}

/** Share of a condition's examples a word must be in to belong to its core. */
const CORE_SHARE = 0.75;

/**
 * Every example condition of one compiled rule set, each with its own word weights: a word weighs 1 plus
 * the share of the condition's examples that use it (what the examples have in common counts most; a word
 * no example has weighs 1). A message matches a condition when it says every core word, its cosine
 * similarity to the nearest example reaches the minimum, and no counter-example is nearer.
 */
export class ExampleIndex {
  private readonly sets: ExampleSet[] = [];

  /** Registers one condition's examples; returns its index. */
  add(examples: readonly string[], unlike: readonly string[], min: number): number {
    const exampleWords = examples.map(meaningWords).filter((w) => w.length > 0);
    const count = new Map<string, number>();
    for (const words of exampleWords) for (const w of words) count.set(w, (count.get(w) ?? 0) + 1);
    const share = new Map<string, number>();
    for (const [word, n] of count) share.set(word, n / Math.max(1, exampleWords.length));
    const core = [...share].filter(([, s]) => s >= CORE_SHARE && exampleWords.length >= 2).map(([w]) => w);
    this.sets.push({
      examples: exampleWords,
      unlike: unlike.map(meaningWords).filter((w) => w.length > 0),
      min,
      share,
      core,
    });
    return this.sets.length - 1;
  }

  get size(): number {
    return this.sets.length;
  }

  /** Scores a message (its `meaningWords`) against every registered condition. */
  score(words: string[]): ExampleScores {
    const present = new Set(words);
    return this.sets.map((set) => {
      const weight = (w: string) => 1 + (set.share.get(w) ?? 0);
      const norm = (list: string[]) => Math.sqrt(list.reduce((sum, w) => sum + weight(w) ** 2, 0));
      const messageNorm = norm(words);
      const cosine = (example: string[]) => {
        const n = norm(example);
        if (messageNorm === 0 || n === 0) return 0;
        let dot = 0;
        for (const w of example) if (present.has(w)) dot += weight(w) ** 2;
        return dot / (messageNorm * n);
      };
      const best = Math.max(0, ...set.examples.map(cosine));
      const against = Math.max(0, ...set.unlike.map(cosine));
      const saysCore = set.core.every((w) => present.has(w));
      return { similarity: best, matched: saysCore && best >= set.min && best > against };
    });
  }
}

export type ExampleScores = Array<{ similarity: number; matched: boolean }>;

/** How close a message must be to an example when the rule does not say. */
export const DEFAULT_MIN_SIMILARITY = 0.5;
