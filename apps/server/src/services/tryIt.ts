import { DomainError, type User } from '@tandem/domain';
import type { TurnExplanation } from '@tandem/engine';
import type { BotTryResult } from '@tandem/protocol';
import type { KnowledgeEntryRecord } from '@tandem/storage';
import type { AppContext } from '../context.ts';

const FLOW_PREFIX = 'flow:';

function decisionOf(output: TurnExplanation['output']): BotTryResult['decision'] {
  if (output.handover) return 'handover';
  switch (output.kind) {
    case 'clarify':
      return 'clarify';
    case 'unknown':
      return 'dont_know';
    case 'blocked':
      return 'blocked';
    case 'handoff':
      return 'handover';
    default:
      return 'answer';
  }
}

/**
 * What the workspace's bot — the engine it runs now — would do with this message from a new customer, and
 * why. The engine's `explain` runs the real turn (nothing remembered, nothing stored; a flow's reads are
 * sent, its writes are not).
 */
export async function tryBot(
  ctx: AppContext,
  user: User,
  input: { text: string; lang?: 'zh' | 'en' | undefined },
): Promise<BotTryResult> {
  if (user.role !== 'admin' && user.role !== 'supervisor')
    throw new DomainError('forbidden', 'only admins and supervisors may try the bot');
  const workspaceId = user.workspaceId;
  const engine = await ctx.bots.forWorkspace(workspaceId).catch((error: unknown) => {
    // the same bot customers would meet: there is none to try until a training succeeds
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError(
      'conflict',
      `the bot cannot answer yet (${reason}); fix its knowledge and try again`,
    );
  });
  const botVersion = ctx.bots.status(workspaceId).liveVersion;
  const explained = await engine.explain({
    text: input.text,
    attributes: {},
    now: new Date(),
    lang: input.lang ?? null,
  });
  const entries = new Map<string, KnowledgeEntryRecord>(
    (await ctx.store.knowledge.list(workspaceId)).map((e) => [e.id, e]),
  );
  const { output, trace } = explained;
  const lang = output.lang;
  const titleOf = (entry: KnowledgeEntryRecord) =>
    entry.questions[lang][0] ?? entry.questions[lang === 'zh' ? 'en' : 'zh'][0] ?? null;
  const search = trace.search;
  return {
    botVersion,
    lang,
    decision: decisionOf(output),
    kind: output.kind,
    stage: explained.stage,
    replies: output.replies.map((r) => ({ text: r.text, buttons: r.buttons })),
    handover: output.handover
      ? {
          reason: output.handover.reason,
          tier: output.handover.tier,
          team: output.handover.team ?? null,
          detail: output.handover.detail ?? null,
          priority: output.handover.priority,
        }
      : null,
    intent: output.intent ? { name: output.intent, confidence: output.confidence } : null,
    candidates: (search?.candidates ?? []).map((c) => {
      const flow = c.entryId.startsWith(FLOW_PREFIX);
      const entry = flow ? undefined : entries.get(c.entryId);
      return {
        kind: flow ? ('flow' as const) : ('entry' as const),
        id: flow ? c.entryId.slice(FLOW_PREFIX.length) : c.entryId,
        score: c.score,
        classifier: c.classifier,
        lexical: c.lexical,
        answer: c.answer,
        title: entry ? titleOf(entry) : null,
        category: entry?.category ?? null,
      };
    }),
    match: search
      ? {
          outcome: search.outcome,
          outOfScope: search.prediction.oosScore,
          empty: search.prediction.ranking.length === 0,
        }
      : null,
    entities: explained.entities.map(({ type, text, start, end, value }) => ({
      type,
      text,
      start,
      end,
      value,
    })),
    emotion: {
      state: output.emotion.emotion,
      basic: output.emotion.basic,
      polarity: output.emotion.polarity,
      intensity: output.emotion.intensity,
      signals: output.emotion.signals,
      escalation: trace.escalation
        ? {
            escalate: trace.escalation.escalate,
            priority: trace.escalation.priority,
            reasons: [...trace.escalation.reasons],
          }
        : null,
    },
    rules: {
      matched: (trace.rules?.matched ?? []).map((r) => ({ id: r.id, name: r.name })),
      tags: [...(trace.rules?.tags ?? [])],
      answered: (trace.rules?.answer ?? null) !== null,
      handedOver: (trace.rules?.handover ?? null) !== null,
      blocked: (trace.rules?.block ?? null) !== null,
    },
    handoffRequest: explained.handoffRequest,
    flow: trace.flow ? { id: trace.flow.id, outcome: trace.flow.outcome, node: trace.flow.node } : null,
    httpCalls: trace.http.map((c) => ({ method: c.method, url: c.url, performed: c.performed })),
    priority: output.priority,
    tags: [...output.tags],
  };
}
