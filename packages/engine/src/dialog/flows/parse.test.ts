import { describe, expect, it } from 'vitest';
import { parseFlow } from './parse.ts';

const VALID = `
id: order_status
name: { zh: 查订单, en: Order status }
trigger:
  examples:
    zh: [我的订单到哪了]
    en: [where is my order]
start: ask_order
nodes:
  ask_order:
    type: ask
    slot:
      name: orderNo
      entity: order_number
      validate: { pattern: '\\d{12}' }
      prompt: { zh: 请告诉我订单号, en: 'Your order number, please' }
      reprompt: { zh: 订单号是 12 位数字, en: Order numbers have 12 digits }
    next: lookup
  lookup:
    type: http
    url: /demo-api/orders/{{slots.orderNo}}
    map: { status: response.status }
    next: done
    onError: sorry
  done:
    type: end
    text: { zh: '状态：{{status}}', en: 'Status: {{status}}' }
  sorry:
    type: end
    text: { zh: 暂时查不到, en: I can't look it up right now }
`;

/** The valid flow with `from` replaced by `to` (which must occur). */
function variant(from: string, to: string) {
  if (!VALID.includes(from)) throw new Error(`"${from}" is not in the flow`);
  return parseFlow(VALID.replace(from, to));
}

/** The valid flow with more nodes (YAML lines indented under nodes:). */
function withNodes(extra: string) {
  return parseFlow(`${VALID}${extra}`);
}

function errorPaths(result: ReturnType<typeof parseFlow>) {
  return result.ok ? [] : result.errors.map((e) => e.path);
}

describe('parseFlow', () => {
  it('reads YAML and applies the defaults', () => {
    const result = parseFlow(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.flow.maxSteps).toBe(50);
    expect(result.flow.nodes.lookup).toMatchObject({ method: 'GET', timeoutMs: 3000, retries: 1 });
    expect(result.flow.nodes.ask_order).toMatchObject({ slot: { maxRetries: 2 } });
  });

  it('reads JSON text and parsed values alike', () => {
    const parsed = parseFlow(VALID);
    if (!parsed.ok) throw new Error('must parse');
    expect(parseFlow(JSON.stringify(parsed.flow)).ok).toBe(true);
    expect(parseFlow(JSON.stringify(parsed.flow), 'json').ok).toBe(true);
    expect(parseFlow(parsed.flow).ok).toBe(true);
  });

  it('names the exact path of a bad slot entity', () => {
    const result = variant('entity: order_number', 'entity: ordernumber');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'nodes.ask_order.slot.entity', message: expect.stringContaining('order_number') },
    ]);
  });

  it('names missing targets, a missing start and a missing error branch', () => {
    expect(errorPaths(variant('next: lookup', 'next: nowhere'))).toEqual(['nodes.ask_order.next']);
    expect(errorPaths(variant('start: ask_order', 'start: begin'))).toEqual(['start']);
    expect(errorPaths(variant('    onError: sorry\n', ''))).toEqual(['nodes.lookup.onError']);
    expect(errorPaths(variant('onError: sorry', 'onError: sorry\n    onStatus: { 404: gone }'))).toEqual([
      'nodes.lookup.onStatus.404',
    ]);
  });

  it('rejects unknown node types and unknown fields by path', () => {
    expect(errorPaths(variant('type: end', 'type: finish'))).toEqual(['nodes.done.type']);
    expect(errorPaths(variant('next: done', 'nxet: done'))).toEqual([
      'nodes.lookup.next',
      'nodes.lookup.nxet',
    ]);
  });

  it('rejects unsafe or broken validation patterns', () => {
    const nested = variant("pattern: '\\d{12}'", "pattern: '(\\d+)+'");
    expect(errorPaths(nested)).toEqual(['nodes.ask_order.slot.validate.pattern']);
    const broken = variant("pattern: '\\d{12}'", "pattern: '[0-9'");
    expect(errorPaths(broken)).toEqual(['nodes.ask_order.slot.validate.pattern']);
  });

  it('rejects malformed templates at the text that holds them', () => {
    expect(errorPaths(variant("zh: '状态：{{status}}'", "zh: '状态：{{status'"))).toEqual([
      'nodes.done.text.zh',
    ]);
    const badPath = variant('{{slots.orderNo}}', '{{slots.order No}}');
    expect(errorPaths(badPath)).toEqual(['nodes.lookup.url']);
  });

  it('checks HTTP limits, response paths and reserved names', () => {
    const http = (line: string) => errorPaths(variant('    next: done\n', `    next: done\n    ${line}\n`));
    expect(http('timeoutMs: 60000')).toEqual(['nodes.lookup.timeoutMs']);
    expect(http('retries: 9')).toEqual(['nodes.lookup.retries']);
    expect(errorPaths(variant('status: response.status', 'status: body.status'))).toEqual([
      'nodes.lookup.map.status',
    ]);
    expect(errorPaths(variant('status: response.status', 'slots: response.status'))).toEqual([
      'nodes.lookup.map.slots',
    ]);
    expect(errorPaths(variant('url: /demo-api', 'url: ftp://example.com'))).toEqual(['nodes.lookup.url']);
  });

  it('checks branch conditions', () => {
    const result = withNodes(`  check:
    type: branch
    cases: [{ when: { var: status, op: in, value: shipped }, next: done }]
    default: done
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { path: 'nodes.check.cases.0.when.value', message: 'in needs a list of values' },
    ]);
    const both = withNodes(`  check:
    type: branch
    cases: [{ when: { var: status, op: exists, not: { var: status, op: exists } }, next: done }]
    default: done
`);
    expect(errorPaths(both)).toEqual(['nodes.check.cases.0.when']);
  });

  it('reports YAML syntax errors with the line', () => {
    const result = parseFlow('id: x\nnodes: [a, b\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]?.path).toBe('');
    expect(result.errors[0]?.message).toMatch(/YAML.*line/s);
  });

  it('reports bad JSON and absurd nesting', () => {
    expect(parseFlow('{"id": ', 'json')).toMatchObject({ ok: false, errors: [{ path: '' }] });
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expect(parseFlow(deep)).toMatchObject({
      ok: false,
      errors: [{ path: '', message: expect.stringMatching(/nested/) }],
    });
  });

  it('warns about unreachable nodes, busy loops and variables never set', () => {
    const result = parseFlow(
      `${VALID.replace("en: 'Status: {{status}}'", "en: 'Status: {{stauts}}'")}  orphan: { type: end }
  spin: { type: set, values: { n: 1 }, next: spin }
`,
    );
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual(
      expect.arrayContaining(['nodes.orphan', 'nodes.spin', 'nodes.done.text.en']),
    );
  });
});
