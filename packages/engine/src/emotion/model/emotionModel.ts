import type { LexiconAnalysis } from '../lexicon/analyze.ts';
import { BASIC_EMOTIONS, type BasicEmotion, type EmotionLang } from '../types.ts';
import { type SparseVector, tokenFeatures, vectorize } from './features.ts';
import { lexiconFeatures } from './lexiconFeatures.ts';
import { type SoftmaxWeights, scores, softmaxInPlace } from './softmax.ts';

/** A trained basic-emotion classifier: probabilities over the basic emotions it saw in training. */
export class EmotionModel {
  constructor(
    private readonly weights: SoftmaxWeights,
    /** Which basic emotions the model can predict (a data set may lack some, e.g. disgust). */
    readonly known: readonly boolean[],
    /** Additive log-odds per class, tuned on held-out training data to balance the classes. */
    readonly bias: readonly number[],
  ) {}

  /** Probabilities aligned with `BASIC_EMOTIONS`; classes never seen in training get 0. */
  predict(text: string, lang: EmotionLang, lexicon: LexiconAnalysis): Float64Array {
    return this.predictVector(featurize(text, lang, lexicon, this.weights.bits));
  }

  predictVector(x: SparseVector): Float64Array {
    const out = scores(this.weights, x, new Float64Array(BASIC_EMOTIONS.length));
    for (let k = 0; k < out.length; k++) {
      out[k] = this.known[k] ? out[k]! + (this.bias[k] ?? 0) : Number.NEGATIVE_INFINITY;
    }
    return softmaxInPlace(out);
  }

  /** The most probable basic emotion and its probability. */
  static best(probs: Float64Array): { basic: BasicEmotion; p: number } {
    let best = 0;
    for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
    return { basic: BASIC_EMOTIONS[best]!, p: probs[best]! };
  }
}

export function featurize(
  text: string,
  lang: EmotionLang,
  lexicon: LexiconAnalysis,
  bits: number,
): SparseVector {
  return vectorize(tokenFeatures(text, lang), lexiconFeatures(lexicon), bits);
}
