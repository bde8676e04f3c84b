export { fitTemperature } from './calibration.ts';
export { MAX_TRAINING_EXAMPLES, type TrainingExample, validateExamples } from './clean.ts';
export { NluError, type NluErrorId } from './errors.ts';
export type { FeatureOptions } from './features.ts';
export {
  type DecisionSettings,
  type HeldOutPredictions,
  IntentModel,
  type IntentModelSnapshot,
  type IntentPrediction,
  type IntentScore,
  OOS_INTENT,
  type Outcome,
} from './model.ts';
export { decodeSnapshot, encodeSnapshot, storedModelKey, type TrainedModelStore } from './modelStore.ts';
export { generateOffTopic } from './offTopic.ts';
export { DEFAULT_OOS_DETECTOR, type OosDetectorParams, type OosSignals, oosScore } from './oos.ts';
export { ModelRegistry, type ModelVersion } from './registry.ts';
export type { TrainingReport } from './report.ts';
export { type FusedPrediction, fusePrediction, type SemanticEvidence } from './semanticFusion.ts';
export {
  type SemanticCalibration,
  type SemanticExample,
  SemanticIndex,
  SemanticQuery,
} from './semanticIndex.ts';
export { IntentService, type Trainer } from './service.ts';
export { holdoutMask, stratifiedFolds } from './split.ts';
export { type IntentTrainOptions, trainIntentModel } from './train.ts';
export { forgetTrainedModels } from './trainedCache.ts';
export { trainInWorker, trainingsStarted, type WorkerOptions } from './trainInWorker.ts';
