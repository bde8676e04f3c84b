export type { FlowProblem } from './checks.ts';
// Generic names get a Flow prefix here: the engine re-exports everything from one index.
export {
  CONDITION_OPS as FLOW_CONDITION_OPS,
  type Condition as FlowCondition,
  type ConditionOp as FlowConditionOp,
} from './conditionSchema.ts';
export {
  createFetchHttp,
  type FetchHttpOptions,
  FlowHttpError,
  type FlowHttpErrorCode,
} from './fetchHttp.ts';
export { MAX_HTTP_CALLS_PER_TURN, MAX_TURN_MS as MAX_FLOW_TURN_MS } from './http.ts';
export { type ParseFlowResult, parseFlow } from './parse.ts';
export { continueFlow, readAnswer as readFlowAnswer, resumeFlow, startFlow } from './run.ts';
export type {
  AskNode,
  BranchNode,
  ConfirmNode,
  EndNode,
  FlowButton,
  FlowDefinition,
  FlowNode,
  FlowSource,
  FlowText,
  HandoverNode,
  HttpNode,
  SayNode,
  SetNode,
} from './schema.ts';
export {
  SLOT_ENTITIES as FLOW_SLOT_ENTITIES,
  type Slot as FlowSlot,
  type SlotEntity as FlowSlotEntity,
  type SlotOption as FlowSlotOption,
} from './slotSchema.ts';
export type {
  FlowContext,
  FlowHandover,
  FlowHttp,
  FlowHttpRequest,
  FlowInput,
  FlowOutcome,
  FlowReply,
  FlowState,
  FlowTurnResult,
} from './types.ts';
export { isCancel as isFlowCancel, yesOrNo as readYesNo } from './words.ts';
