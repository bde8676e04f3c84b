import { createHash } from 'node:crypto';
import type { TrainingExample } from './clean.ts';
import type { IntentModelSnapshot } from './model.ts';
import type { IntentTrainOptions } from './train.ts';

/**
 * Models trained recently in this process, by what they were trained on. Training is deterministic (same
 * examples, options and seed → the same model; a retraining that kept the previous model's calibration
 * (retrain.ts) also depends on that model, and is as good a model of these examples), so a rebuild whose
 * examples did not change (a flow or a setting changed, an entry was rolled back to what it was, another
 * server in the same process) reuses the model instead of training it again. Bounded: the newest few models
 * are kept.
 */
const MAX_MODELS = 4;
const models = new Map<string, IntentModelSnapshot>();

export function trainingKey(examples: readonly TrainingExample[], options: IntentTrainOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(options));
  for (const { text, intent } of examples) hash.update(`\u0000${intent}\u0001${text}`);
  return hash.digest('hex');
}

export function cachedModel(key: string): IntentModelSnapshot | undefined {
  const snapshot = models.get(key);
  if (snapshot) {
    // most recently used last
    models.delete(key);
    models.set(key, snapshot);
  }
  return snapshot;
}

export function rememberModel(key: string, snapshot: IntentModelSnapshot): void {
  models.delete(key);
  models.set(key, snapshot);
  while (models.size > MAX_MODELS) {
    const oldest = models.keys().next().value;
    if (oldest === undefined) break;
    models.delete(oldest);
  }
}

/** Forgets every model kept in this process (tests of what happens in a new process). */
export function forgetTrainedModels(): void {
  models.clear();
}
