import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse.ts';
import { startFlow } from './run.ts';
import { buildFlow, testContext, texts } from './testSupport.ts';

const looping = `id: loop
name: { zh: 循环, en: Loop }
trigger: { examples: { zh: [], en: [] } }
maxSteps: 20
start: a
nodes:
  a: { type: say, text: { zh: 一, en: one }, next: b }
  b: { type: branch, cases: [{ when: { var: never, op: exists }, next: end }], default: a }
  end: { type: end }
`;

describe('step limit', () => {
  it('warns about the loop when the flow is saved', () => {
    const parsed = parseFlow(looping);
    expect(parsed.ok).toBe(true);
    expect(parsed.warnings.some((w) => /step limit/.test(w.message))).toBe(true);
  });

  it('stops a loop that never waits, apologises and fails', async () => {
    const result = await startFlow(buildFlow(looping), testContext());
    expect(result).toMatchObject({ outcome: 'failed', state: null });
    expect(result.replies).toHaveLength(11);
    expect(texts(result).at(-1)).toMatch(/抱歉/);
    expect(result.problems).toEqual([{ node: 'a', message: 'step limit reached (20 per turn)' }]);
  });

  it('stops a loop of HTTP calls before it stalls the chat', async () => {
    let calls = 0;
    const flow = buildFlow(`id: poll
name: { zh: 轮询, en: Poll }
trigger: { examples: { zh: [], en: [] } }
start: call
nodes:
  call: { type: http, url: /x, next: call, onError: sorry, retries: 0 }
  sorry: { type: end, text: { zh: 暂时查不到, en: Not now } }
`);
    const result = await startFlow(
      flow,
      testContext({
        baseUrl: 'http://127.0.0.1:1',
        http: async () => {
          calls += 1;
          return { status: 200, body: {} };
        },
      }),
    );
    expect(calls).toBe(10);
    expect(texts(result)).toEqual(['暂时查不到']);
  });
});
