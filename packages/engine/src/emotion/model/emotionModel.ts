import type { LexiconAnalysis } from '../lexicon/analyze.ts';
import { BASIC_EMOTIONS, type BasicEmotion, type EmotionLang } from '../types.ts';
import { FEATURE_VERSION, type SparseVector, tokenFeatures, vectorize } from './features.ts';
import { lexiconFeatures } from './lexiconFeatures.ts';
import {
  compactFromRows,
  compactWeights,
  rowOf,
  type SoftmaxWeights,
  scores,
  softmaxInPlace,
} from './softmax.ts';

/** How a model turns probabilities into one basic emotion (see `TrainEmotionOptions.rule`). */
export type DecisionRule = 'macro-f1' | 'anger-recall';

/** Per-class offsets chosen on held-out training rows, with the scores they reached there. */
export interface RuleCalibration {
  bias: number[];
  macroF1: number;
  angerRecall: number;
  /** The anger recall the rule aimed at ('anger-recall' only). */
  target?: number;
}

export interface ModelCalibration {
  /** How the held-out rows were made, e.g. '5-fold cross-validation'. */
  method: string;
  /** Held-out rows scored. */
  heldOut: number;
  rules: Record<DecisionRule, RuleCalibration>;
  /** The rule this model uses. */
  rule: DecisionRule;
}

export interface SaveOptions {
  /** Keep at most this many features, the most influential ones (largest weight of any class). */
  maxFeatures?: number;
  /** Free-form notes stored with the model (source data, licence, command). */
  meta?: Record<string, unknown>;
}

const MAGIC = 0x314d4554; // 'TEM1'

/** A trained basic-emotion classifier: probabilities over the basic emotions it saw in training. */
export class EmotionModel {
  constructor(
    private readonly weights: SoftmaxWeights,
    /** Which basic emotions the model can predict (a data set may lack some, e.g. disgust). */
    readonly known: readonly boolean[],
    /** Additive log-odds per class, chosen on held-out training data (see `calibration`). */
    readonly bias: readonly number[],
    /** How `bias` was chosen, and the held-out scores of each decision rule; null when it was not. */
    readonly calibration: ModelCalibration | null = null,
    /** Notes saved with the model (`toBytes({ meta })`). */
    readonly meta: Readonly<Record<string, unknown>> = {},
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

  /** The same weights with the offsets of another decision rule. */
  withRule(rule: DecisionRule): EmotionModel {
    if (this.calibration === null) throw new Error('EmotionModel.withRule: the model was not calibrated');
    const calibration = { ...this.calibration, rule };
    return new EmotionModel(this.weights, this.known, calibration.rules[rule].bias, calibration, this.meta);
  }

  /** The number of features with weights. */
  get size(): number {
    return this.weights.index ? this.weights.weights.length / this.weights.classes : 1 << this.weights.bits;
  }

  /**
   * A compact binary form: feature ids as varint deltas and weights as int8 with a scale per class (the
   * quantisation moves a score by at most 0.4 % of the class's largest weight per feature).
   */
  toBytes(options: SaveOptions = {}): Uint8Array {
    const model = compactWeights(this.weights);
    const c = model.classes;
    const index = model.index!;
    const ids: number[] = [];
    for (let slot = 0; slot < index.keys.length; slot++)
      if (index.keys[slot]! > 0) ids.push(index.keys[slot]! - 1);
    ids.sort((a, b) => a - b);
    const importance = (id: number) => {
      const row = rowOf(index, id);
      let max = 0;
      for (let k = 0; k < c; k++) max = Math.max(max, Math.abs(model.weights[row * c + k]!));
      return max;
    };
    let kept = ids;
    if (options.maxFeatures !== undefined && ids.length > options.maxFeatures) {
      const ranked = ids.map((id) => [id, importance(id)] as const).sort((a, b) => b[1] - a[1]);
      kept = ranked
        .slice(0, options.maxFeatures)
        .map(([id]) => id)
        .sort((a, b) => a - b);
    }
    const scale = new Float32Array(c);
    for (const id of kept) {
      const row = rowOf(index, id);
      for (let k = 0; k < c; k++) scale[k] = Math.max(scale[k]!, Math.abs(model.weights[row * c + k]!) / 127);
    }
    const meta = new TextEncoder().encode(JSON.stringify({ ...options.meta, calibration: this.calibration }));
    const out = new ByteWriter();
    out.u32(MAGIC);
    out.u8(FEATURE_VERSION);
    out.u8(model.bits);
    out.u8(c);
    out.u8(this.known.reduce((mask, k, i) => (k ? mask | (1 << i) : mask), 0));
    for (let k = 0; k < c; k++) out.f32(model.bias[k]!);
    for (let k = 0; k < c; k++) out.f32(this.bias[k] ?? 0);
    for (let k = 0; k < c; k++) out.f32(scale[k]!);
    out.u32(kept.length);
    let previous = 0;
    for (const id of kept) {
      out.varint(id - previous);
      previous = id;
    }
    for (const id of kept) {
      const row = rowOf(index, id);
      for (let k = 0; k < c; k++) {
        const q = scale[k]! > 0 ? Math.round(model.weights[row * c + k]! / scale[k]!) : 0;
        out.u8(q & 0xff);
      }
    }
    out.u32(meta.length);
    out.bytes(meta);
    return out.finish();
  }

  /** Reads `toBytes()` output; throws when the bytes are not a model of this feature version. */
  static fromBytes(bytes: Uint8Array): EmotionModel {
    const input = new ByteReader(bytes);
    if (input.u32() !== MAGIC) throw new Error('EmotionModel.fromBytes: not an emotion model');
    const version = input.u8();
    if (version !== FEATURE_VERSION)
      throw new Error(`EmotionModel.fromBytes: feature version ${version}, expected ${FEATURE_VERSION}`);
    const bits = input.u8();
    const c = input.u8();
    const knownMask = input.u8();
    const known = Array.from({ length: c }, (_, k) => (knownMask & (1 << k)) !== 0);
    const bias = Float32Array.from({ length: c }, () => input.f32());
    const decision = Array.from({ length: c }, () => input.f32());
    const scale = Array.from({ length: c }, () => input.f32());
    const n = input.u32();
    const ids = new Uint32Array(n);
    let id = 0;
    for (let i = 0; i < n; i++) {
      id += input.varint();
      ids[i] = id;
    }
    const weights = new Float32Array(n * c);
    for (let i = 0; i < n * c; i++) weights[i] = ((input.u8() << 24) >> 24) * scale[i % c]!;
    const meta = JSON.parse(new TextDecoder().decode(input.bytes(input.u32()))) as Record<string, unknown>;
    const calibration = (meta.calibration ?? null) as ModelCalibration | null;
    delete meta.calibration;
    return new EmotionModel(compactFromRows(bits, c, ids, weights, bias), known, decision, calibration, meta);
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

class ByteWriter {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.at));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    this.room(1);
    this.buffer[this.at++] = v;
  }

  u32(v: number): void {
    this.room(4);
    this.view.setUint32(this.at, v, true);
    this.at += 4;
  }

  f32(v: number): void {
    this.room(4);
    this.view.setFloat32(this.at, v, true);
    this.at += 4;
  }

  varint(v: number): void {
    let rest = v;
    while (rest >= 0x80) {
      this.u8((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.u8(rest);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.at);
    this.at += b.length;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.at);
  }
}

class ByteReader {
  private readonly view: DataView;
  private at = 0;

  constructor(private readonly buffer: Uint8Array) {
    this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  private need(n: number): void {
    if (this.at + n > this.buffer.length) throw new Error('EmotionModel.fromBytes: truncated model');
  }

  u8(): number {
    this.need(1);
    return this.buffer[this.at++]!;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.at, true);
    this.at += 4;
    return v;
  }

  varint(): number {
    let v = 0;
    let factor = 1;
    for (;;) {
      const b = this.u8();
      v += (b & 0x7f) * factor;
      if (b < 0x80) return v;
      factor *= 128;
    }
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buffer.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
}
