import type { Condition } from './conditionSchema.ts';
import { templatesOf } from './nodeTemplates.ts';
import type { FlowProblem } from './problem.ts';
import type { FlowDefinition } from './schema.ts';
import { templatePaths } from './template.ts';

/** Slots and variables that templates, conditions and confirm nodes read but nothing ever sets. */
export function checkNames(flow: FlowDefinition): FlowProblem[] {
  const slots = new Set<string>();
  const vars = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    if (node.type === 'ask') slots.add(node.slot.name);
    if (node.type === 'http') for (const name of Object.keys(node.map)) vars.add(name);
    if (node.type === 'set') {
      for (const key of Object.keys(node.values)) {
        if (key.startsWith('slots.')) slots.add(key.slice(6));
        else vars.add(key);
      }
    }
  }
  const known = (path: string) => {
    const [root, second] = path.split('.');
    if (root === 'attributes' || root === 'response' || root === 'lang') return true;
    if (root === 'slots') return second !== undefined && slots.has(second);
    return root !== undefined && vars.has(root);
  };
  const warnings: FlowProblem[] = [];
  for (const [id, node] of Object.entries(flow.nodes)) {
    const reads = templatesOf(node).flatMap(([field, source]) =>
      templatePaths(source).map((path) => ({ field, path })),
    );
    if (node.type === 'branch') {
      node.cases.forEach((c, i) => {
        for (const path of conditionPaths(c.when)) reads.push({ field: `cases.${i}.when`, path });
      });
    }
    if (node.type === 'confirm') {
      for (const name of node.slots ?? []) reads.push({ field: 'slots', path: `slots.${name}` });
    }
    for (const { field, path } of reads) {
      if (!known(path))
        warnings.push({
          path: `nodes.${id}.${field}`,
          message: `reads "${path}", which the flow never sets`,
        });
    }
  }
  return warnings;
}

function conditionPaths(condition: Condition): string[] {
  return [
    ...(condition.var !== undefined ? [condition.var] : []),
    ...(condition.all ?? []).flatMap(conditionPaths),
    ...(condition.any ?? []).flatMap(conditionPaths),
    ...(condition.not !== undefined ? conditionPaths(condition.not) : []),
  ];
}
