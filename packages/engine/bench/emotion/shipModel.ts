/**
 * Generates the English model shipped with the engine (packages/engine/src/emotion/model/en-goemotions.bin):
 * `npx tsx packages/engine/bench/emotion/shipModel.ts`. Trained on GoEmotions ekman_train only (Apache-2.0);
 * deterministic, so running it again gives the same bytes. `--check` compares instead of writing (exit 1 when
 * the shipped file differs). Never point it at SMP2020-EWECT or other data without a licence to ship.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EmotionModel, trainEmotionModel } from '../../src/emotion/index.ts';
import { SHIPPED_MODEL_FILE } from '../../src/emotion/model/shipped.ts';
import { datasetsDir, loadTrainingExamples } from './data.ts';

/** Features kept in the shipped file: on ekman_val, 40k–120k scored the same as all ~250k. */
export const SHIPPED_FEATURES = 50_000;
export const SHIPPED_SOURCE = 'goemotions/ekman_train.jsonl';

export function buildShippedModel(): { bytes: Uint8Array; model: EmotionModel; seconds: number } {
  const { examples, rows, multi } = loadTrainingExamples(join(datasetsDir(), SHIPPED_SOURCE));
  const started = performance.now();
  const model = trainEmotionModel(examples);
  const seconds = (performance.now() - started) / 1000;
  const bytes = model.toBytes({
    maxFeatures: SHIPPED_FEATURES,
    meta: {
      name: 'tandem-emotion-en-goemotions',
      trainedOn: `GoEmotions ${SHIPPED_SOURCE} (${rows} rows, ${multi} with several labels as weighted examples)`,
      licence: 'GoEmotions (Demszky et al. 2020, Google Research): Apache-2.0',
      command: 'npx tsx packages/engine/bench/emotion/shipModel.ts',
      features: SHIPPED_FEATURES,
    },
  });
  return { bytes, model, seconds };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, seconds } = buildShippedModel();
  const file = fileURLToPath(SHIPPED_MODEL_FILE);
  if (process.argv.includes('--check')) {
    let current: Uint8Array = new Uint8Array();
    try {
      current = readFileSync(file);
    } catch {}
    const same = sameBytes(current, bytes);
    process.stdout.write(`${file}: ${same ? 'up to date' : 'differs from a fresh build'}\n`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(file, bytes);
    process.stdout.write(
      `wrote ${file} (${(bytes.length / 1024).toFixed(0)} KB, trained in ${seconds.toFixed(1)} s)\n`,
    );
  }
}
