export { type CrossValidation, type CrossValidationOptions, crossValidate } from './crossValidate.ts';
export {
  type Evaluation,
  evaluateModel,
  evaluateSplit,
  predictedLabel,
  type ScoredExample,
  summarize,
} from './evaluate.ts';
export {
  type ConfusionPair,
  computeMetrics,
  type EvaluationMetrics,
  type IntentMetrics,
  type LabelledPrediction,
} from './metrics.ts';
export { type OperatingPoint, suggestThreshold, type ThresholdSuggestion } from './threshold.ts';
