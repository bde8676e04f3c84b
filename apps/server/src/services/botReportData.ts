import { faqExamples, NluError, OOS_INTENT, predictedLabel, type TrainingExample } from '@tandem/engine';
import type { IntentSummary, ModelReport, ReportIntent } from '@tandem/protocol';
import type { AppContext } from '../context.ts';
import { intentsOf, learnedEntries, loadTraining } from './botTraining.ts';
import { type CrossValidationRun, crossValidateOffThread } from './crossValidation.ts';

/** Confusion pairs in a report, and misclassified examples shown per pair. */
const MAX_CONFUSIONS = 100;
const EXAMPLES_PER_CONFUSION = 10;

export class ReportProblem extends Error {
  constructor(
    readonly code: 'not_enough_data' | 'training_failed',
    message: string,
  ) {
    super(message);
  }
}

/** The cross-validation data of a workspace: its phrasings (scored) and its answers' sentences (always learnt). */
async function reportData(ctx: AppContext, workspaceId: string) {
  const training = await loadTraining(ctx.store, workspaceId);
  const entries = learnedEntries(training);
  const phrasings: TrainingExample[] = entries.flatMap((e) =>
    [...(e.questions.zh ?? []), ...(e.questions.en ?? [])].map((text) => ({ text, intent: e.id })),
  );
  const own = new Set(phrasings.map((p) => `${p.intent}\u0000${p.text}`));
  const always = faqExamples(entries).filter((e) => !own.has(`${e.intent}\u0000${e.text}`));
  const intents = new Map(intentsOf(training).map((i) => [i.id, i]));
  const options = {
    userDictionary: training.settings.settings.vocabulary.words,
    synonyms: training.settings.settings.vocabulary.synonyms,
    // as the bot's matcher is trained (engine: dialog/matcherEntries.ts), so the report shows what the bot does
    unknownIntentShare: 0,
  };
  return { phrasings, always, intents, options };
}

function reportIntent(
  id: string,
  intents: ReadonlyMap<string, IntentSummary>,
): Omit<ReportIntent, 'precision' | 'recall' | 'f1' | 'support'> {
  const intent = intents.get(id);
  if (intent) return { intent: id, source: intent.source, key: intent.key, name: intent.name };
  return {
    intent: id,
    source: id === OOS_INTENT ? 'oos' : 'knowledge',
    key: id,
    name: { zh: null, en: null },
  };
}

/** What staff see of a run: metrics per intent (worst first) and the confusions with their examples. */
function presentReport(run: CrossValidationRun, intents: ReadonlyMap<string, IntentSummary>): ModelReport {
  const { metrics, threshold, predictions } = run.evaluation;
  const refused = predictions.filter((p) => predictedLabel(p.prediction) === OOS_INTENT).length;
  return {
    createdAt: new Date().toISOString(),
    examples: metrics.n,
    intents: metrics.perIntent.length,
    folds: run.folds,
    accuracy: metrics.accuracy,
    macroF1: metrics.macroF1,
    // a threshold above 1 (a model too small to calibrate one) refuses nothing by its score
    threshold: { value: Math.min(1, threshold.current), refused: metrics.n === 0 ? 0 : refused / metrics.n },
    perIntent: metrics.perIntent
      .map((m) => ({ ...reportIntent(m.intent, intents), ...m }))
      .sort((a, b) => a.f1 - b.f1 || b.support - a.support || a.intent.localeCompare(b.intent)),
    confusions: metrics.confusions.slice(0, MAX_CONFUSIONS).map((pair) => ({
      ...pair,
      examples: predictions
        .filter((p) => p.expected === pair.expected && predictedLabel(p.prediction) === pair.predicted)
        .slice(0, EXAMPLES_PER_CONFUSION)
        .map((p) => p.text),
    })),
    trainMs: run.trainMs,
  };
}

export async function makeReport(
  ctx: AppContext,
  workspaceId: string,
  signal: AbortSignal,
): Promise<ModelReport> {
  const { phrasings, always, intents, options } = await reportData(ctx, workspaceId);
  if (new Set(phrasings.map((p) => p.intent)).size < 2 || phrasings.length < 4) {
    throw new ReportProblem(
      'not_enough_data',
      'cross-validation needs at least two intents and four examples the bot learns from',
    );
  }
  try {
    return presentReport(await crossValidateOffThread(phrasings, always, { ...options, signal }), intents);
  } catch (error) {
    if (error instanceof NluError) throw new ReportProblem('training_failed', error.message);
    throw error;
  }
}
