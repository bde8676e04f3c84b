/**
 * Emotion benchmark: `npm run bench:emotion`. Tandem (lexicons alone; the shipped English model; a model trained
 * on the train split under both decision rules) against nlp.js sentiment, on GoEmotions ekman_val and
 * SMP2020-EWECT usual_val / virus_val. Writes docs/bench-emotion.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BASIC_EMOTIONS,
  type BasicEmotion,
  type DecisionRule,
  detectEmotion,
  EmotionModel,
  SHIPPED_MODEL_FILE,
  trainEmotionModel,
} from '../src/emotion/index.ts';
import { analyzeLexicon } from '../src/emotion/lexicon/analyze.ts';
import { prepareText } from '../src/emotion/prepare.ts';
import { datasetsDir, loadRows, loadTrainingExamples, type Row } from './emotion/data.ts';
import { loadNlpjs } from './emotion/nlpjs.ts';
import {
  machine,
  perClassTable,
  type ResultRow,
  TARGET_ANGER_PRECISION,
  TARGET_ANGER_RECALL,
  table,
  verdicts,
} from './emotion/report.ts';
import { score } from './emotion/score.ts';
import { buildShippedModel, SHIPPED_FEATURES, SHIPPED_SOURCE } from './emotion/shipModel.ts';

interface Suite {
  name: string;
  lang: 'zh' | 'en';
  train: string;
  evals: { name: string; file: string }[];
}

const SUITES: Suite[] = [
  {
    name: 'GoEmotions',
    lang: 'en',
    train: SHIPPED_SOURCE,
    evals: [{ name: 'GoEmotions ekman_val (en)', file: 'goemotions/ekman_val.jsonl' }],
  },
  {
    name: 'SMP2020-EWECT',
    lang: 'zh',
    train: 'smp2020-ewect/virus_train.jsonl',
    evals: [
      { name: 'SMP2020-EWECT usual_val (zh)', file: 'smp2020-ewect/usual_val.jsonl' },
      { name: 'SMP2020-EWECT virus_val (zh)', file: 'smp2020-ewect/virus_val.jsonl' },
    ],
  },
];

const NLPJS = 'nlp.js sentiment (polarity mapped)';
const LEXICON = 'Tandem, lexicons only (`detectEmotion` default)';
const SHIPPED = 'Tandem, shipped English model (CLI default for English)';
const TRAINED: Record<DecisionRule, string> = {
  'anger-recall': 'Tandem, trained on train split, anger-recall rule (default)',
  'macro-f1': 'Tandem, trained on train split, macro-F1 rule',
};

async function timed(rows: readonly Row[], predict: (text: string) => Promise<BasicEmotion> | BasicEmotion) {
  const predicted: BasicEmotion[] = [];
  const start = performance.now();
  for (const row of rows) predicted.push(await predict(row.text));
  const seconds = (performance.now() - start) / 1000;
  return {
    score: score(
      rows.map((r) => r.label),
      predicted,
    ),
    perSecond: rows.length / Math.max(seconds, 1e-9),
  };
}

const pct = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const dir = datasetsDir();
  const nlpjs = await loadNlpjs();
  const results: ResultRow[] = [];
  const notes: string[] = [];
  const started = performance.now();
  for (const suite of SUITES) {
    let model: EmotionModel;
    let shipped: EmotionModel | null = null;
    let trainSeconds: number;
    const train = loadTrainingExamples(join(dir, suite.train));
    if (suite.lang === 'en') {
      // The shipped model is trained on this very split with the defaults: build it once and use it for both.
      const built = buildShippedModel();
      model = built.model;
      trainSeconds = built.seconds;
      let onDisk: Uint8Array | null = null;
      try {
        onDisk = readFileSync(SHIPPED_MODEL_FILE);
      } catch {}
      const same =
        onDisk !== null &&
        onDisk.length === built.bytes.length &&
        onDisk.every((b, i) => b === built.bytes[i]);
      shipped = EmotionModel.fromBytes(onDisk ?? built.bytes);
      notes.push(
        `- Shipped English model (\`packages/engine/src/emotion/model/en-goemotions.bin\`, ${(built.bytes.length / 1024).toFixed(0)} KB, ` +
          `${SHIPPED_FEATURES.toLocaleString('en-US')} features): ${same ? 'the file matches a fresh build byte for byte' : 'WARNING: the file differs from a fresh build (run `npx tsx packages/engine/bench/emotion/shipModel.ts`); the file on disk was scored'}.`,
      );
    } else {
      const t0 = performance.now();
      model = trainEmotionModel(train.examples);
      trainSeconds = (performance.now() - t0) / 1000;
    }
    const multi =
      train.multi > 0
        ? `, ${train.multi} of them with several labels, each label as an example of weight 1/n`
        : '';
    notes.push(
      `- ${suite.name}: model trained on \`${suite.train}\` (${train.rows} rows${multi}) in ${trainSeconds.toFixed(1)} s, cross-validation included.`,
    );
    const cal = model.calibration;
    if (cal) {
      const r = cal.rules;
      notes.push(
        `- ${suite.name}, ${cal.method} on the training rows (${cal.heldOut} held-out single-label rows): macro-F1 rule ` +
          `macro-F1 ${pct(r['macro-f1'].macroF1)}, anger recall ${pct(r['macro-f1'].angerRecall)}; anger-recall rule (aim ` +
          `${r['anger-recall'].target}) macro-F1 ${pct(r['anger-recall'].macroF1)}, anger recall ${pct(r['anger-recall'].angerRecall)}. ` +
          `Offsets (anger, disgust, fear, joy, sadness, surprise, neutral): macro-F1 rule [${r['macro-f1'].bias.join(', ')}], ` +
          `anger-recall rule [${r['anger-recall'].bias.join(', ')}].`,
      );
    }
    for (const evaluation of suite.evals) {
      const { rows, skipped } = loadRows(join(dir, evaluation.file));
      if (skipped > 0)
        notes.push(`- ${evaluation.name}: ${skipped} multi-label rows left out of the evaluation.`);
      const add = (system: string, run: Awaited<ReturnType<typeof timed>> | null) =>
        results.push({
          dataset: evaluation.name,
          rows: rows.length,
          system,
          score: run?.score ?? null,
          perSecond: run?.perSecond ?? null,
        });
      add(
        NLPJS,
        nlpjs.available(suite.lang) ? await timed(rows, (text) => nlpjs.predict(text, suite.lang)) : null,
      );
      if (nlpjs.note(suite.lang)) notes.push(`- nlp.js (${suite.lang}): ${nlpjs.note(suite.lang)}.`);
      add(LEXICON, await timed(rows, (text) => detectEmotion(text, { lang: suite.lang }).basic));
      if (shipped !== null) {
        const m = shipped;
        add(SHIPPED, await timed(rows, (text) => detectEmotion(text, { lang: suite.lang, model: m }).basic));
      }
      if (suite.lang === 'en') notes.push(angerBound(model, rows, evaluation.name));
      for (const rule of ['macro-f1', 'anger-recall'] as const) {
        const m = model.calibration ? model.withRule(rule) : model;
        add(
          TRAINED[rule],
          await timed(rows, (text) => detectEmotion(text, { lang: suite.lang, model: m }).basic),
        );
      }
      process.stderr.write(`${evaluation.name}: done\n`);
    }
  }
  const total = (performance.now() - started) / 1000;
  const markdown = render(results, [...new Set(notes)], total);
  process.stdout.write(`${table(results)}\n`);
  const out = fileURLToPath(new URL('../../../docs/bench-emotion.md', import.meta.url));
  writeFileSync(out, markdown);
  process.stderr.write(`wrote ${out} (${total.toFixed(0)} s)\n`);
}

/**
 * How far a threshold on the trained model's anger probability alone could go on these rows, choosing the
 * threshold on the evaluation rows themselves (an upper bound no decision rule chosen on train can beat):
 * the best anger precision at anger recall ≥ 0.75, and the best anger F1 at any threshold.
 */
function angerBound(model: EmotionModel, rows: readonly Row[], name: string): string {
  const anger = BASIC_EMOTIONS.indexOf('anger');
  const scored = rows
    .map((r) => {
      const text = prepareText(r.text, 'en').text;
      return { anger: r.label === 'anger', p: model.predict(text, 'en', analyzeLexicon(text))[anger]! };
    })
    .sort((a, b) => b.p - a.p);
  const positives = scored.filter((s) => s.anger).length;
  let tp = 0;
  let atRecall = 0;
  let bestF1 = 0;
  scored.forEach((s, i) => {
    if (s.anger) tp++;
    const recall = tp / positives;
    const precision = tp / (i + 1);
    if (recall >= TARGET_ANGER_RECALL && atRecall === 0) atRecall = precision;
    if (precision + recall > 0) bestF1 = Math.max(bestF1, (2 * precision * recall) / (precision + recall));
  });
  return (
    `- ${name}, anger by the trained model's probability alone, threshold chosen on these very rows (an upper ` +
    `bound for any rule chosen on train): precision ${pct(atRecall)} at recall ≥ ${TARGET_ANGER_RECALL}; best anger F1 at any threshold ${pct(bestF1)} ` +
    `(${positives} anger rows of ${rows.length}). Anger precision ≥ ${TARGET_ANGER_PRECISION} with recall ≥ ${TARGET_ANGER_RECALL} needs anger F1 ≥ 0.6.`
  );
}

/** Results of the benchmark before this model (commit 9de445a: lexicons + the first trained model). */
const BEFORE: Record<string, { macroF1: number; angerRecall: number }> = {
  'GoEmotions ekman_val (en)': { macroF1: 0.561, angerRecall: 0.427 },
  'SMP2020-EWECT usual_val (zh)': { macroF1: 0.5, angerRecall: 0.759 },
  'SMP2020-EWECT virus_val (zh)': { macroF1: 0.563, angerRecall: 0.809 },
};

function beforeAfter(results: readonly ResultRow[]): string {
  const lines = [
    '| data set | before: macro-F1 / anger recall | macro-F1 rule | anger-recall rule (default) |',
    '|---|---:|---:|---:|',
  ];
  for (const [dataset, before] of Object.entries(BEFORE)) {
    const cell = (system: string) => {
      const r = results.find((x) => x.dataset === dataset && x.system === system)?.score;
      return r ? `${pct(r.macroF1)} / ${pct(r.angerRecall)}` : 'n/a';
    };
    lines.push(
      `| ${dataset} | ${pct(before.macroF1)} / ${pct(before.angerRecall)} | ${cell(TRAINED['macro-f1'])} | ${cell(TRAINED['anger-recall'])} |`,
    );
  }
  return lines.join('\n');
}

function render(results: readonly ResultRow[], notes: readonly string[], seconds: number): string {
  const main = TRAINED['anger-recall'];
  return `# Emotion benchmark

Command: \`npm run bench:emotion\` (runs \`packages/engine/bench/emotion.ts\`; ${seconds.toFixed(0)} s on ${machine()}).
This file is written by that command (template in \`packages/engine/bench/emotion.ts\`). The machine is shared
with other work, so predictions/s vary between runs by a factor of two or more; the quality figures do not.

Basic emotions: anger, disgust, fear, joy, sadness, surprise, neutral. Macro-F1 is over the basic emotions present
in each data set's labels (7 for GoEmotions, 6 for SMP2020-EWECT, which has no disgust label: a disgust
prediction counts as anger there). Models are trained on the **train** split only and evaluated on the **val**
split; SMP2020-EWECT has no usual_train, so its usual_val is scored with a model trained on virus_train (a
change of domain: COVID-19 Weibo posts → general Weibo posts). The per-class offsets of both decision rules are
chosen by cross-validation on the train split, never on val.

${table(results)}

Before and after (trained on the train split; macro-F1 / anger recall):

${beforeAfter(results)}

Per-class F1, ${main}:

${perClassTable(results, main)}

Per-class F1, ${TRAINED['macro-f1']}:

${perClassTable(results, TRAINED['macro-f1'])}

Targets (macro-F1 ≥ 0.60 on both languages, anger recall ≥ ${TARGET_ANGER_RECALL} with anger precision ≥ ${TARGET_ANGER_PRECISION}), ${main}:

${verdicts(results, main).join('\n')}

Same, ${TRAINED['macro-f1']}:

${verdicts(results, TRAINED['macro-f1']).join('\n')}

Honest reading:

- Every row beats the nlp.js baseline by a wide margin. Anger recall ≥ 0.75 is met on all three sets by the
  default (anger-recall) rule; macro-F1 ≥ 0.60 is not met on any set by either rule.
- **English anger is over-predicted and no threshold of this model fixes it.** Under the default rule anger
  precision is about 0.3 (anger is predicted about 2.6 times as often as it occurs); the macro-F1 rule is
  about as precise as it is sensitive (about 0.48 / 0.48). The note below measures the ceiling: even with
  the anger threshold chosen on ekman_val itself, the trained model's anger probability reaches only about
  0.33 precision at recall 0.75 (best anger F1 about 0.5 at any threshold). The target (precision ≥ 0.5 with
  recall ≥ 0.75, i.e. anger F1 ≥ 0.6) is therefore out of reach of this model family, not a matter of
  choosing offsets; it needs a stronger text representation (a pretrained encoder). No decision rule was
  changed for this reason: the default stays the anger-recall rule, whose cost is stated here.
- English: the two targets pull against each other. The macro-F1 rule reaches about 0.585 with anger recall
  under 0.5 (GoEmotions' anger includes annoyance and disapproval, which read like neutral text); the offsets
  that lift anger recall to 0.75+ cost about 0.02–0.03 macro-F1, mostly from neutral. A bag-of-n-grams linear
  model seems to top out near 0.59 here: in trial runs, wider character n-grams, stems, NB-SVM log-count-ratio
  features, training on the 27 fine GoEmotions labels and averaging the cross-validation models all landed
  between 0.53 and 0.59; pretrained GloVe 100-d word vectors (mean and max pooled, appended as dense
  features, chosen by CV on train) gave 0.563 / 0.778 against 0.561 / 0.777, within seed noise, for twice
  the training time. Reaching 0.60 with anger recall 0.75 likely needs a pretrained sentence encoder.
- **Other learners and label handlings, compared by 3-fold cross-validation on ekman_train** (harness:
  \`npx tsx packages/engine/bench/emotion/explore.ts <variant…>\`; same features; "CV" = held-out single-label
  train rows, 39,555; offsets are chosen on the scored rows themselves, so these are ceilings of each learner,
  not results). Today's model: argmax macro-F1 0.565, best offsets 0.565, best offsets with anger recall ≥ 0.77
  0.536 (anger precision 0.284), anger precision at recall 0.75 0.298. AdaGrad rate 0.05 / 0.2, 3 / 12
  epochs, L2 1e-5 / 1e-4, class-weight power 0.25 / 0.75, three seeds averaged: 0.555–0.567 with best offsets,
  anger precision at recall 0.75 0.281–0.298. Training on the 28 GoEmotions labels and summing them to the
  official Ekman groups: 0.545 (0.291); averaging that with the Ekman model: 0.563 (0.293). One-vs-rest
  logistic regression on the multi-label Ekman targets: 0.567 (0.291). Leaving out the 3,855 multi-label rows:
  0.561 (0.293), so the 1/n weighting keeps some signal. IDF-weighted features: 0.556 (0.284). A one-hidden-layer
  (64 ReLU) network on the same sparse features: 0.568 (0.286); averaged with the logistic model: 0.576, 0.545
  under the anger-recall constraint (+0.009), anger precision at recall 0.75 0.300 — on virus_train the same
  average gives 0.608 against 0.610 — not adopted for a gain that small at many times the model size. At the
  anger threshold reaching recall 0.75, the cross-validated false alarms come from neutral (4,084), joy
  (1,738, of them 596 approval), surprise (770) and sadness (642; 314 disappointment) against about 3,200 true
  positives; recall is 0.85 on rows with GoEmotions' own anger label and 0.72 on annoyance and disapproval;
  rows without the anger label are 72 % of Ekman anger in ekman_val (disapproval alone 38 %). The
  mapping of the 28 labels to the 7 classes is the data set's own \`ekman_mapping.json\`, checked row by row
  against the ekman_* files (no mismatch in train or val). For scale, offsets fitted on the evaluation rows
  themselves (not a result) reach 0.564 on ekman_val under the anger-recall constraint, and 0.597 on virus_val
  and 0.561 on usual_val without it: no decision rule over this model reaches the targets.
- Chinese: virus_val reaches about 0.57 (cross-validation on virus_train says about 0.61, but virus_train holds
  many near-duplicate reposts, so that estimate is optimistic). usual_val stays near 0.51: training data from
  another domain (COVID-19 posts, half of them "happy") over-predicts anger on general posts: in a trial run
  over a third of the sad posts were read as anger (sadness F1 about 0.34). Surprise has under 200 training rows.
- Tuning discipline: the offsets and the anger rule come from cross-validation on train. A handful of design
  settings (lexicon feature scale 4, jieba words, negation marking, mention stripping, the 0.002 minimum
  offset gain, the 0.1 model floor for service-cue overrides, 3 folds, 50,000 shipped features) were compared
  on these val splits in a few runs each, as the datasets README allows; most differences were within
  run-to-run noise (about ±0.007 macro-F1 between training seeds), so the val numbers are at most slightly
  optimistic.

Notes:

${notes.join('\n')}
- nlp.js gives polarity only (SentimentAnalyzer with @nlpjs/lang-en's sentiment lexicon, and @nlpjs/lang-zh);
  it is mapped negative → anger (the most frequent negative class in all three data sets), positive → joy,
  neutral → neutral: the one-to-one mapping most favourable to it (on ekman_val, negative → sadness, fear or
  disgust gives 0.127, 0.113 and 0.109 macro-F1 instead of 0.142).
- "${LEXICON}" is what \`detectEmotion\` and the live bot do: no trained weights are used.
- "${SHIPPED}" is what \`tandem emotion predict\` does for English lines without \`--train\`. It is the
  model trained on ekman_train (the rows below it), kept to its ${SHIPPED_FEATURES.toLocaleString('en-US')} most
  influential features with 8-bit weights, so on ekman_val it is not an independent result. It is not the
  default of \`detectEmotion\`: GoEmotions is Reddit text, where a plain question ("What time do you open?")
  counts as curiosity → surprise. No Chinese model is shipped (SMP2020-EWECT has no licence).
- Decision rules: "macro-F1" picks per-class offsets that maximise cross-validated macro-F1 on the train split;
  "anger-recall" picks the best macro-F1 among offsets whose cross-validated anger recall reaches 0.77 (aiming
  a little above the 0.75 goal). An offset moves only for a held-out gain of at least 0.002 macro-F1.
- A strong service cue (complaint, public complaint, threat to leave, urgency, distrust) still decides the
  state unless the model gives its basic emotion under 0.1; the cue stays in \`scores\` for escalation.
- predictions/s: one process, one message at a time, including language detection and the lexicon pass.
`;
}

await main();
