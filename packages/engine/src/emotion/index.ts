export { type DetectEmotionOptions, detectEmotion } from './detect.ts';
export { type EmpathyMode, type EmpathyOptions, empathyOpening } from './empathy.ts';
export {
  type EscalationAdvice,
  type EscalationReason,
  escalationAdvice,
  type QueuePriority,
} from './escalation.ts';
export {
  type DecisionRule,
  EmotionModel,
  type ModelCalibration,
  type RuleCalibration,
  type SaveOptions,
} from './model/emotionModel.ts';
export { SHIPPED_MODEL_FILE, shippedEmotionModel, shippedModelError } from './model/shipped.ts';
export { type EmotionExample, type TrainEmotionOptions, trainEmotionModel } from './model/train.ts';
export { emotionLanguage } from './prepare.ts';
export { basicOf, polarityOf, STATE_INFO, toBasicEmotion } from './states.ts';
export {
  type EmotionPoint,
  type EmotionTrajectory,
  type EmotionTrend,
  summarizeTrajectory,
  toEmotionPoint,
  valenceOf,
} from './trajectory.ts';
export {
  BASIC_EMOTIONS,
  type BasicEmotion,
  EMOTION_STATES,
  type EmotionLang,
  type EmotionResult,
  type EmotionState,
  type Polarity,
} from './types.ts';
