import type { Lang } from '../bot/types.ts';
import { buildConversationEngine } from './conversationEngine.ts';
import {
  dryRunHttp,
  type ExplainedHttpCall,
  emptyTrace,
  stageOf,
  type TurnStage,
  type TurnTrace,
} from './explain.ts';
import type { FlowDefinition, FlowOutcome } from './flows/index.ts';
import type { ConversationBotState, EnginePorts, TurnOutput, WorkspaceBrain } from './types.ts';

export interface FlowTrialInput {
  /** the workspace's brain as it runs now */
  brain: WorkspaceBrain;
  /** the flow being edited: it replaces the running flow with the same id, or joins the others */
  draft: FlowDefinition;
  /** the customer's messages, oldest first */
  messages: string[];
  /** the language the customer chose in the widget; null: read from each message */
  lang?: Lang | null;
  attributes?: Record<string, string | number | boolean>;
  signal?: AbortSignal;
}

export interface FlowTrialTurn {
  text: string;
  output: TurnOutput;
  stage: TurnStage;
  /** the node the flow waits at after this turn, or null when no flow is in progress */
  node: string | null;
  /** business-system calls: reads (GET) are sent through the workspace's guarded port, others are not */
  http: ExplainedHttpCall[];
}

/** The brain with the draft flow in place of the running flow with its id (or added to the others). */
export function withDraftFlow(brain: WorkspaceBrain, draft: FlowDefinition): WorkspaceBrain {
  return { ...brain, flows: [...brain.flows.filter((flow) => flow.id !== draft.id), draft] };
}

/**
 * A test conversation with a draft flow: the workspace's bot with the draft in place of its running
 * version, turn after turn from a new conversation, exactly as `turn` answers a customer. Nothing is kept
 * beyond the returned turns. Stops after a hand-over: from then on a person would answer.
 */
export async function runFlowTrial(
  input: FlowTrialInput,
  ports: EnginePorts,
): Promise<{ turns: FlowTrialTurn[]; handedOver: boolean }> {
  const { brain, draft } = input;
  let trace: TurnTrace = emptyTrace();
  // one port for the engine's life; each turn records its calls in its own trace
  const trialPorts: EnginePorts = { ...ports, http: (request) => dryRunHttp(ports.http, trace)(request) };
  const engine = await buildConversationEngine(
    withDraftFlow(brain, draft),
    trialPorts,
    input.signal ? { signal: input.signal } : {},
  );
  const turns: FlowTrialTurn[] = [];
  let state: ConversationBotState | null = null;
  for (const text of input.messages) {
    trace = emptyTrace();
    const output = await engine.turn(state, {
      text,
      attributes: input.attributes ?? {},
      now: new Date(),
      lang: input.lang ?? null,
    });
    state = output.state;
    const flow = output.state.flow;
    const node = flow ? (flow.awaiting?.node ?? flow.node) : null;
    if (output.flow) trace.flow = { id: output.flow.id, outcome: output.flow.outcome as FlowOutcome, node };
    turns.push({ text, output, stage: stageOf(output, trace), node, http: trace.http });
    if (output.handover) return { turns, handedOver: true };
  }
  return { turns, handedOver: false };
}
