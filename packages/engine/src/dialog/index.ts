export type { AssistResult, KnowledgeSuggestion } from './assist.ts';
export * from './conversationEngine.ts';
export type { ExplainedHttpCall, TurnExplanation, TurnStage, TurnTrace } from './explain.ts';
export * from './flows/index.ts';
export { type FlowTrialInput, type FlowTrialTurn, runFlowTrial, withDraftFlow } from './flowTrial.ts';
export * from './humanFirst.ts';
export {
  buildConversationEngineInSteps,
  buildInterimEngine,
  createInterimEngine,
} from './interimEngine.ts';
export { chooseLanguage } from './language.ts';
export { FLOW_PREFIX, matcherEntries } from './matcherEntries.ts';
export * from './settings.ts';
export { detectSmallTalk } from './smallTalk.ts';
export { forgetTrainedMatchers, trainingReportOf } from './trainedMatchers.ts';
export * from './transcripts/index.ts';
export * from './types.ts';
