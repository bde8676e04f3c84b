import { DomainError, type User } from '@tandem/domain';
import {
  type EnginePorts,
  type FlowHttp,
  FlowHttpError,
  type FlowTrialTurn,
  parseFlow,
  runFlowTrial,
} from '@tandem/engine';
import type {
  FlowDraft,
  FlowTestBody,
  FlowTestResult,
  FlowTestTurn,
  FlowValidateResult,
} from '@tandem/protocol';
import { loadWorkspaceBrain } from '../bot/workspaceBrain.ts';
import type { AppContext } from '../context.ts';
import { ValidationError } from '../http/validation.ts';
import { whenTrialBotTrained } from './trialTraining.ts';

/** Business-system calls of one test conversation stop being sent after this long in all. */
const TEST_HTTP_BUDGET_MS = 8_000;

function assertMayEdit(user: User): void {
  // the people who may save a flow may try it (flow sources can hold business-system credentials)
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only admins and supervisors may edit and test flows');
}

const parseDraft = (draft: FlowDraft) =>
  'document' in draft ? parseFlow(draft.document) : parseFlow(draft.source, draft.format);

const rooted = (problems: Array<{ path: string; message: string }>) =>
  problems.map((p) => ({ path: p.path, message: p.message }));

/** The same checks as saving, without saving: every problem at the path of its field. */
export function validateFlowDraft(user: User, draft: FlowDraft): FlowValidateResult {
  assertMayEdit(user);
  const parsed = parseDraft(draft);
  if (parsed.ok) return { id: parsed.flow.id, errors: [], warnings: rooted(parsed.warnings) };
  const id = 'document' in draft && typeof draft.document.id === 'string' ? draft.document.id : null;
  return { id, errors: rooted(parsed.errors), warnings: rooted(parsed.warnings) };
}

/** The workspace's guarded port (its allow-list) with a time budget for the whole test conversation. */
function budgeted(http: FlowHttp): FlowHttp {
  const deadline = Date.now() + TEST_HTTP_BUDGET_MS;
  return (request) => {
    const left = deadline - Date.now();
    if (left <= 0)
      return Promise.reject(new FlowHttpError('timeout', 'the test conversation has no time left for calls'));
    return http({ ...request, timeoutMs: Math.min(request.timeoutMs, left) });
  };
}

function present(turn: FlowTrialTurn): FlowTestTurn {
  const { output } = turn;
  return {
    text: turn.text,
    lang: output.lang,
    kind: output.kind,
    stage: turn.stage,
    replies: output.replies.map((r) => ({ text: r.text, buttons: r.buttons })),
    intent: output.intent ? { name: output.intent, confidence: output.confidence } : null,
    flow: output.flow
      ? { id: output.flow.id, outcome: output.flow.outcome, node: turn.node, vars: output.flow.vars }
      : null,
    handover: output.handover
      ? {
          tier: output.handover.tier,
          team: output.handover.team ?? null,
          detail: output.handover.detail ?? null,
        }
      : null,
    httpCalls: turn.http.map((c) => ({ method: c.method, url: c.url, performed: c.performed })),
  };
}

/**
 * A test conversation with a flow not saved yet: the workspace's bot with the draft in place of the running
 * version answers the messages from the start of a new conversation. Nothing is stored (no conversation,
 * no version); reads (GET) go through the workspace's allow-list, other calls are not sent.
 */
export async function testFlowDraft(
  ctx: AppContext,
  ports: EnginePorts,
  user: User,
  body: FlowTestBody,
): Promise<FlowTestResult> {
  assertMayEdit(user);
  const parsed = parseDraft(body.draft);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new ValidationError(
      'validation_failed',
      `the flow is invalid${first ? ` at ${first.path || '(root)'}: ${first.message}` : ''}; fix it to test it`,
      parsed.errors.map((e) => ({ path: e.path || '(root)', message: e.message })),
    );
  }
  const brain = await loadWorkspaceBrain(ctx.store, user.workspaceId, ctx.log);
  const input = {
    brain,
    draft: parsed.flow,
    messages: body.messages.map((m) => m.text),
    lang: body.lang ?? null,
  };
  const trial = await whenTrialBotTrained(brain, parsed.flow, ports)
    .then(() => runFlowTrial(input, { ...ports, http: budgeted(ports.http) }))
    .catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      ctx.log.error({ err: error, workspaceId: user.workspaceId }, 'a flow test run failed');
      throw new DomainError('conflict', 'the test bot could not be built; try again in a moment');
    });
  return { turns: trial.turns.map(present), handedOver: trial.handedOver };
}
