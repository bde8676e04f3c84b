import type { EmotionLang, EmotionState } from './types.ts';

export type EmpathyGroup =
  | 'anger'
  | 'frustration'
  | 'impatience'
  | 'anxiety'
  | 'sadness'
  | 'disappointment'
  | 'confusion'
  | 'distrust';

/** Which acknowledgement fits each negative state; positive and neutral states get none. */
export const EMPATHY_GROUP: Partial<Record<EmotionState, EmpathyGroup>> = {
  anger: 'anger',
  complaint: 'anger',
  public_complaint: 'anger',
  threat_to_leave: 'anger',
  disgust: 'anger',
  frustration: 'frustration',
  sarcasm: 'frustration',
  impatience: 'impatience',
  urgency: 'impatience',
  anxiety: 'anxiety',
  worry: 'anxiety',
  fear: 'anxiety',
  sadness: 'sadness',
  helplessness: 'sadness',
  disappointment: 'disappointment',
  confusion: 'confusion',
  shock: 'confusion',
  distrust: 'distrust',
};

interface Phrase {
  text: string;
  /** Only for messages at least this intense (strong apologies do not fit mild annoyance). */
  minIntensity?: number;
  /** Only for messages below this intensity. */
  maxIntensity?: number;
}

const STRONG = 0.7;

export const EMPATHY_PHRASES: Record<EmotionLang, Record<EmpathyGroup, Phrase[]>> = {
  zh: {
    anger: [
      { text: '非常抱歉给您带来这么糟糕的体验，我马上帮您处理。', minIntensity: STRONG },
      { text: '真的很抱歉让您这么生气，这件事我们一定负责到底。', minIntensity: STRONG },
      { text: '您的不满我完全理解，换作是我也会很恼火，我们现在就来解决。', minIntensity: STRONG },
      { text: '抱歉让您遇到这样的情况，我来帮您看看。', maxIntensity: STRONG },
      { text: '理解您的心情，这确实不应该发生，我先帮您查一下。', maxIntensity: STRONG },
      { text: '给您添麻烦了，我们这就把问题弄清楚。' },
    ],
    frustration: [
      { text: '让您反复折腾，真的很抱歉，这次我们一次把它解决。' },
      { text: '理解您的无奈，我来接手，尽量不让您再多跑一趟。' },
      { text: '辛苦您了，这么来回确实很磨人，我们换个办法试试。' },
      { text: '抱歉之前没能帮上忙，我这次会跟到底。' },
    ],
    impatience: [
      { text: '让您久等了，实在抱歉，我马上帮您跟进。' },
      { text: '明白您很着急，我这就优先为您处理。' },
      { text: '抱歉耽误了您的时间，我们现在就查进度。' },
      { text: '理解您的急迫，我会尽快给您一个明确的答复。' },
    ],
    anxiety: [
      { text: '别着急，我们一起来看，我会尽力帮您处理好。' },
      { text: '理解您的担心，我先帮您确认一下情况。' },
      { text: '您先放心，这个问题我们能处理，我一步步帮您。' },
      { text: '遇到这种事确实让人不安，我马上帮您核实。' },
    ],
    sadness: [
      { text: '听到这样的情况，真的很抱歉，我会尽力帮您。' },
      { text: '能理解您现在的心情，我们慢慢来，我陪您一起处理。' },
      { text: '很遗憾您遇到这些，我来看看能为您做些什么。' },
      { text: '辛苦您了，这件事交给我，我们一起想办法。' },
    ],
    disappointment: [
      { text: '很抱歉没能达到您的期待，我们来看看怎么弥补。' },
      { text: '让您失望了，真的抱歉，我来帮您把这件事处理好。' },
      { text: '这确实不是您应得的体验，我先帮您看看有什么办法。' },
      { text: '谢谢您直接告诉我们，抱歉让您失望，我们这就改进处理。' },
    ],
    confusion: [
      { text: '抱歉让您困惑了，我来说明一下。' },
      { text: '这部分确实容易让人看不明白，我来一步步解释。' },
      { text: '没关系，我们一点点来，我帮您理清楚。' },
      { text: '这部分规则不太好懂，我给您理一理。' },
    ],
    distrust: [
      { text: '理解您的顾虑，我把情况如实跟您说清楚。' },
      { text: '您有疑问很正常，我们把每一步都给您核实清楚。' },
      { text: '抱歉让您有这样的感受，我会把依据都给您看。' },
      { text: '您的担心我们很重视，我来帮您一项项确认。' },
    ],
  },
  en: {
    anger: [
      { text: "I'm really sorry about this — let's get it sorted right away.", minIntensity: STRONG },
      {
        text: "I'm so sorry — you shouldn't have had to deal with this. I'm on it now.",
        minIntensity: STRONG,
      },
      {
        text: "I completely understand why you're upset, and I'm sorry. Let's fix this together.",
        minIntensity: STRONG,
      },
      { text: 'Sorry about the trouble — let me take a look.', maxIntensity: STRONG },
      { text: "I understand, that shouldn't have happened. Let me check.", maxIntensity: STRONG },
      { text: "I hear you, and I'm sorry for the hassle. Let's sort it out." },
    ],
    frustration: [
      { text: "I'm sorry you've had to go back and forth on this — let's settle it this time." },
      { text: "That sounds really frustrating. I'll take it from here." },
      { text: "Sorry it's been such a hassle. Let's try a different way." },
      { text: "I understand — you've been patient. I'll follow this through." },
    ],
    impatience: [
      { text: "Sorry for the wait — I'm checking on it now." },
      { text: "I know you need this quickly, so I'll make it a priority." },
      { text: "Apologies for the delay. Let's get you an update right away." },
      { text: "Thanks for bearing with us — I'll get you a clear answer as fast as I can." },
    ],
    anxiety: [
      { text: "I understand the worry — let's look at this together." },
      { text: "Don't worry, we can sort this out. Let me check a few things first." },
      { text: "That sounds stressful. I'll go through it with you step by step." },
      { text: "I can see why that's worrying. Let me confirm what's happening." },
    ],
    sadness: [
      { text: "I'm sorry to hear that. I'll do what I can to help." },
      { text: "That sounds really hard — let's take it one step at a time." },
      { text: "I'm sorry you're going through this. Let me see what I can do." },
      { text: "Thank you for telling me. I'm here to help with this." },
    ],
    disappointment: [
      { text: "I'm sorry this didn't meet your expectations. Let's see how we can make it right." },
      { text: "That's disappointing, and I'm sorry. Let me help fix it." },
      { text: 'You deserved better than this — let me see what I can do.' },
      { text: "Thanks for telling us straight. Sorry we let you down; let's put it right." },
    ],
    confusion: [
      { text: 'Sorry for the confusion — let me explain.' },
      { text: "That part can be confusing. I'll walk you through it." },
      { text: "No problem, let's go through it step by step." },
      { text: "Fair question — here's how it works." },
    ],
    distrust: [
      { text: 'I understand your concern — let me be completely transparent about this.' },
      { text: "It's fair to have questions. Let's check every step together." },
      { text: "I'm sorry it feels that way. I'll show you exactly what happened." },
      { text: 'Your concern matters to us. Let me go through the details with you.' },
    ],
  },
};

/**
 * Openings that only acknowledge the feeling, promising nothing: for replies that do not help yet ("did
 * you mean", "I don't know", a hand-over), where "I'm checking on it now" would be a promise not kept.
 */
export const EMPATHY_ACKNOWLEDGEMENTS: Record<EmotionLang, Record<EmpathyGroup, Phrase[]>> = {
  zh: {
    anger: [
      { text: '非常抱歉给您带来这么糟糕的体验。', minIntensity: STRONG },
      { text: '您的不满我完全理解，真的很抱歉。', minIntensity: STRONG },
      { text: '抱歉让您遇到这样的情况。', maxIntensity: STRONG },
      { text: '理解您的心情，给您添麻烦了。', maxIntensity: STRONG },
    ],
    frustration: [{ text: '让您反复折腾，真的很抱歉。' }, { text: '理解您的无奈，辛苦您了。' }],
    impatience: [{ text: '让您久等了，实在抱歉。' }, { text: '明白您很着急。' }],
    anxiety: [{ text: '理解您的担心。' }, { text: '遇到这种事确实让人不安。' }],
    sadness: [{ text: '听到这样的情况，真的很抱歉。' }, { text: '很遗憾您遇到这些。' }],
    disappointment: [{ text: '很抱歉没能达到您的期待。' }, { text: '让您失望了，真的抱歉。' }],
    confusion: [{ text: '这部分确实容易让人看不明白。' }, { text: '没关系，我们一点点来。' }],
    distrust: [{ text: '理解您的顾虑。' }, { text: '您有疑问很正常。' }],
  },
  en: {
    anger: [
      { text: "I'm really sorry about this.", minIntensity: STRONG },
      { text: "I completely understand why you're upset, and I'm sorry.", minIntensity: STRONG },
      { text: 'Sorry about the trouble.', maxIntensity: STRONG },
      { text: "I hear you, and I'm sorry for the hassle.", maxIntensity: STRONG },
    ],
    frustration: [
      { text: "I'm sorry you've had to go back and forth on this." },
      { text: 'That sounds really frustrating.' },
    ],
    impatience: [{ text: 'Sorry for the wait.' }, { text: 'I know you need this quickly.' }],
    anxiety: [{ text: 'I understand the worry.' }, { text: 'I can see why that is worrying.' }],
    sadness: [{ text: "I'm sorry to hear that." }, { text: "I'm sorry you're going through this." }],
    disappointment: [
      { text: "I'm sorry this didn't meet your expectations." },
      { text: "That's disappointing, and I'm sorry." },
    ],
    confusion: [{ text: 'That part can be confusing.' }, { text: "No problem, let's take it step by step." }],
    distrust: [{ text: 'I understand your concern.' }, { text: "It's fair to have questions." }],
  },
};
