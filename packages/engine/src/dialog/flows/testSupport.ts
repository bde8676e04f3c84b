import { parseFlow } from './parse.ts';
import { continueFlow, startFlow } from './run.ts';
import type { FlowDefinition } from './schema.ts';
import type { FlowContext, FlowReply, FlowState, FlowTurnResult, Lang } from './types.ts';

/** A flow from YAML or an object, failing the test with every problem when it does not parse. */
export function buildFlow(source: string | object): FlowDefinition {
  const parsed = parseFlow(source);
  if (!parsed.ok) throw new Error(`flow does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.flow;
}

/** A context whose http refuses every call unless a test gives its own. */
export function testContext(overrides: Partial<FlowContext> = {}): FlowContext {
  return {
    lang: 'zh',
    attributes: { customerId: 'C1001', vipLevel: 2 },
    now: new Date('2026-11-25T10:00:00+08:00'),
    http: async () => {
      throw new Error('no http in this test');
    },
    ...overrides,
  };
}

/** The FAQ of the tests: knows shipping fees, in both languages. */
export function testFaq(text: string, lang: Lang): FlowReply | null {
  if (/运费|shipping fee/i.test(text)) {
    return { text: lang === 'zh' ? '满 99 元包邮。' : 'Shipping is free over ¥99.', buttons: [] };
  }
  return null;
}

/**
 * Runs a conversation: the flow starts, then each customer message continues it while it waits.
 * Returns every turn's result; throws when a message arrives after the flow has finished.
 */
export async function talk(
  flow: FlowDefinition,
  messages: string[],
  ctx: FlowContext = testContext(),
  lang: Lang = ctx.lang,
): Promise<FlowTurnResult[]> {
  const results = [await startFlow(flow, ctx)];
  let state: FlowState | null = results[0]?.state ?? null;
  for (const text of messages) {
    if (state === null) throw new Error(`the flow finished before "${text}"`);
    const next = await continueFlow(flow, state, { text, lang }, ctx);
    results.push(next);
    state = next.state;
  }
  return results;
}

export function texts(result: FlowTurnResult | undefined): string[] {
  return (result?.replies ?? []).map((reply) => reply.text);
}

export function last<T>(items: T[]): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error('empty list');
  return item;
}
