/**
 * Two things a service team must know that are not an emotion of their own, in both languages:
 *
 * - **repeated**: the customer says they have asked before and got no help ("third time I'm asking",
 *   "nobody helps", 「第三次问了」, 「说了好几遍」). A failure the customer already lived through: it counts
 *   as frustration and raises the hand-over's priority.
 * - **stakes**: what is late or wrong touches health or safety (medicine, a child, a hospital, 「药」,
 *   「孩子」, 「医院」). Together with urgency or anger it makes a hand-over urgent.
 * - **hazard**: something dangerous is happening now ("the charger is smoking", a shock, a gas leak, an
 *   injury, 「冒烟」, 「漏电」, 「着火」): an urgent hand-over whatever the emotion (escalation reads the
 *   signal; the emotion itself is left alone, so news-like text about accidents is not read as fear).
 *
 * Found on the cleaned, lower-cased text (Traditional Chinese already folded to Simplified). English
 * phrases match whole words.
 */
export interface ServiceSignals {
  /** The phrase that says the customer asked before, or null. */
  repeated: string | null;
  /** The phrase that names a health or safety stake, or null. */
  stakes: string | null;
  /** The phrase that says something dangerous is happening (fire, smoke, a shock, an injury), or null. */
  hazard: string | null;
}

const NUMBER_WORD = '(?:second|third|fourth|fifth|sixth|tenth|\\d+(?:st|nd|rd|th)|umpteenth|nth)';
const COUNT = '(?:two|three|four|five|six|ten|several|many|multiple|so many|\\d+)';

const REPEATED: readonly RegExp[] = [
  new RegExp(
    `\\b${NUMBER_WORD} time (?:that )?(?:i'?m |i am |i'?ve |i have |i |we'?ve |we )?(?:been )?(?:asking|asked|ask|contacting|contacted|calling|called|writing|wrote|chatting|reaching out|reached out|telling|told|complaining|complained)\\b`,
  ),
  new RegExp(`\\bfor (?:the|a) ${NUMBER_WORD} time\\b`),
  new RegExp(
    `\\b(?:asked|told|contacted|called|emailed|written to|messaged|chatted with) (?:you |your \\w+ )?(?:guys |people )?${COUNT} times\\b`,
  ),
  /\b(?:i(?:'?ve| have)? )?(?:keep|kept) (?:asking|telling|calling|writing|contacting|chasing)\b/,
  /\bhow many (?:more )?times (?:do|must|should|will|have) (?:i|we)\b/,
  /\b(?:nobody|no one|no-one|noone) (?:helps|helped|has helped|will help|is helping|ever helps|answers|answered|has answered|replies|replied|has replied|responded|has responded|cares|gets back|got back|has gotten back)\b/,
  /\b(?:you|your (?:team|staff|support|agents?)) (?:still )?(?:haven't|have not|never) (?:replied|answered|responded|helped|got back|gotten back)\b/,
  /\bstill (?:no (?:answer|reply|response|help|one|solution)|nobody|nothing)\b/,
  /\bagain and again\b|\bover and over\b|\bevery single time\b/,
  /第[二三四五六七八九十几\d]+(?:次|回|遍)(?:了|来|问|找|联系|咨询|反映|反馈|说|催|打|投诉|发|留言)/,
  /(?:问|说|找|联系|反映|反馈|打|催|投诉)了?(?:好几|好多|很多|无数|多少|N|n|[二两三四五六七八九十\d]+)(?:次|遍|回|天)/,
  /(?:一直|始终|到现在|至今|还是)(?:都)?没(?:有)?人(?:管|理|回|处理|解决|回复)/,
  /没人(?:管|理|回|处理|解决|回复)/,
  /又是这样|一次又一次|反反复复|说了多少遍|问了多少遍/,
];

/** Something dangerous is happening now: a product on fire, a shock, a leak, an injury. */
const HAZARDS: readonly RegExp[] = [
  /\b(?:started|starts|start|keeps|kept|began|is|was) (?:smoking|sparking|melting|catching fire|burning up)\b/,
  /\b(?:smoke|sparks|flames|fire) (?:is |are )?(?:coming|came|pouring) (?:out|from)\b/,
  /\b(?:charger|battery|phone|device|plug|cable|socket|heater|appliance|it|product|machine) (?:is |was |keeps |started |just |has )?(?:smoking|sparking|burning|melting|overheating|exploded|exploding|on fire|caught fire|leaking gas|smoked)\b/,
  /\b(?:on fire|caught fire|burst into flames|electric(?:al)? shock|shocked me|gas leak|leaking gas|exploded|burn(?:ed|t) (?:me|my)|got burn(?:ed|t)|got hurt|injured|poisoning|choking)\b/,
  /着火|起火|冒烟|冒火花|烧起来|漏电|触电|电到|漏气|燃气泄漏|爆炸|炸了|自燃|烫伤|烧伤|中毒|受伤/,
];

const STAKES: readonly RegExp[] = [
  /\b(?:medicine|medicines|medication|medications|meds|prescription|insulin|inhaler|epipen|epi-pen|antibiotics?)\b/,
  /\b(?:hospital|ambulance|life or death|life-threatening|allerg(?:y|ic|ies)|injur(?:y|ed|ies)|hurt myself|got hurt|bleeding)\b/,
  /\b(?:baby formula|infant formula|my (?:baby|child|son|daughter|kid) (?:is|was|has|got) (?:sick|ill|hurt))\b/,
  /\b(?:fire hazard|smoke|sparks?|overheat(?:ed|ing)|poisonous|unsafe|dangerous|safety (?:hazard|issue|risk))\b/,
  /药|医院|住院|急诊|救护车|病人|病危|过敏|发烧|受伤|烫伤|烧伤|中毒|有毒|救命/,
  /煤气|安全隐患|危险/,
  /(?:孩子|宝宝|婴儿|老人)(?:的)?(?:奶粉|病|生病|用的)/,
];

function firstMatch(text: string, patterns: readonly RegExp[]): string | null {
  for (const pattern of patterns) {
    const m = pattern.exec(text);
    if (m) return m[0];
  }
  return null;
}

/** Repeated asking and health or safety stakes in one message (see `ServiceSignals`). */
export function findServiceSignals(lower: string): ServiceSignals {
  const hazard = firstMatch(lower, HAZARDS);
  return { repeated: firstMatch(lower, REPEATED), stakes: hazard ?? firstMatch(lower, STAKES), hazard };
}

/** Signal prefixes in `EmotionResult.signals`, read by escalation. */
export const REPEATED_SIGNAL = 'repeated:';
export const STAKES_SIGNAL = 'stakes:';
export const HAZARD_SIGNAL = 'hazard:';

/** Frustration score given to a message that says it is asking again. */
export const REPEATED_FRUSTRATION = 0.7;
