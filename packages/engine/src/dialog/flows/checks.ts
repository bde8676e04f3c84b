import { validateEntityOptions } from '../../entities/index.ts';
import { busyLoops, nodeAt, reachable, targetsOf } from './graph.ts';
import { checkNames } from './names.ts';
import { templatesOf } from './nodeTemplates.ts';
import type { FlowProblem } from './problem.ts';
import type { FlowDefinition, FlowNode } from './schema.ts';
import { NODE_ID } from './schemaParts.ts';
import { parseTemplate } from './template.ts';

export type { FlowProblem } from './problem.ts';

/** Checks a schema-valid flow as a whole: references, patterns, templates. Errors block saving; warnings do not. */
export function checkFlow(flow: FlowDefinition): { errors: FlowProblem[]; warnings: FlowProblem[] } {
  const errors: FlowProblem[] = [];
  const warnings: FlowProblem[] = [];
  if (nodeAt(flow, flow.start) === undefined)
    errors.push({ path: 'start', message: `no node "${flow.start}"` });
  for (const [id, node] of Object.entries(flow.nodes)) {
    const at = `nodes.${id}`;
    if (!NODE_ID.test(id))
      errors.push({ path: at, message: 'node id must be a letter, then letters, digits, _ or -' });
    for (const { field, target } of targetsOf(node)) {
      if (nodeAt(flow, target) === undefined)
        errors.push({ path: `${at}.${field}`, message: `no node "${target}"` });
    }
    for (const [field, source] of templatesOf(node)) {
      const parsed = parseTemplate(source);
      if ('problem' in parsed) errors.push({ path: `${at}.${field}`, message: parsed.problem });
    }
    if (node.type === 'ask') errors.push(...checkSlot(node, at));
  }
  warnings.push(...checkNames(flow));
  const live = reachable(flow);
  for (const id of Object.keys(flow.nodes)) {
    if (!live.has(id)) warnings.push({ path: `nodes.${id}`, message: 'unreachable from the start node' });
  }
  for (const id of busyLoops(flow)) {
    warnings.push({
      path: `nodes.${id}`,
      message: `on a loop that never waits for the customer; it will stop at the step limit (${flow.maxSteps})`,
    });
  }
  if (flow.trigger.examples.zh.length + flow.trigger.examples.en.length === 0) {
    warnings.push({
      path: 'trigger.examples',
      message: 'no examples: the flow can only be started explicitly',
    });
  }
  return { errors, warnings };
}

function checkSlot(node: Extract<FlowNode, { type: 'ask' }>, at: string): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const rules = node.slot.validate;
  if (rules?.pattern !== undefined) {
    for (const problem of validateEntityOptions({ orderPatterns: [rules.pattern] })) {
      problems.push({
        path: `${at}.slot.validate.pattern`,
        message: problem.replace(/^orderPatterns\[0\]:\s*/, ''),
      });
    }
  }
  if (rules?.min !== undefined && rules.max !== undefined && rules.min > rules.max) {
    problems.push({ path: `${at}.slot.validate.min`, message: `is greater than max (${rules.max})` });
  }
  return problems;
}
