import type { TrainingExample } from './clean.ts';
import { NluError } from './errors.ts';
import type { IntentModel, IntentPrediction } from './model.ts';
import { ModelRegistry, type ModelVersion } from './registry.ts';
import type { IntentTrainOptions } from './train.ts';
import { trainInWorker, type WorkerOptions } from './trainInWorker.ts';

export type Trainer = (
  examples: readonly TrainingExample[],
  options: IntentTrainOptions,
  workerOptions?: WorkerOptions,
) => Promise<IntentModel>;

/**
 * One workspace's intent recognition in service: predictions always use the published model, while
 * retraining runs in a worker; the new version is swapped in when ready. Requests to retrain while a
 * training runs are merged: only the latest examples are trained next.
 */
export class IntentService {
  readonly registry: ModelRegistry<IntentModel>;
  private running: Promise<ModelVersion<IntentModel>> | null = null;
  private pending: { examples: readonly TrainingExample[]; note: string } | null = null;
  private pendingWaiters: {
    resolve: (v: ModelVersion<IntentModel>) => void;
    reject: (e: unknown) => void;
  }[] = [];

  constructor(
    private readonly options: IntentTrainOptions = {},
    private readonly trainer: Trainer = trainInWorker,
    keep = 5,
  ) {
    this.registry = new ModelRegistry(keep);
  }

  predict(text: string): IntentPrediction {
    const current = this.registry.current;
    if (!current) throw new NluError('no_model', 'no model has been trained yet');
    return current.model.predict(text);
  }

  /** Trains on these examples off the request path and publishes the result. */
  retrain(examples: readonly TrainingExample[], note = 'retrain'): Promise<ModelVersion<IntentModel>> {
    if (!this.running) return this.start(examples, note);
    this.pending = { examples, note };
    return new Promise((resolve, reject) => this.pendingWaiters.push({ resolve, reject }));
  }

  rollback(toVersion?: number): ModelVersion<IntentModel> | null {
    return this.registry.rollback(toVersion);
  }

  private start(examples: readonly TrainingExample[], note: string): Promise<ModelVersion<IntentModel>> {
    const run = this.trainer(examples, this.options)
      .then((model) => this.registry.publish(model, note))
      .finally(() => {
        this.running = null;
        const next = this.pending;
        const waiters = this.pendingWaiters;
        this.pending = null;
        this.pendingWaiters = [];
        if (next) {
          this.start(next.examples, next.note).then(
            (v) => {
              for (const w of waiters) w.resolve(v);
            },
            (e) => {
              for (const w of waiters) w.reject(e);
            },
          );
        }
      });
    this.running = run;
    return run;
  }
}
