import type { FlowNode } from './schema.ts';

/** Every template string of a node with its field path. */
export function templatesOf(node: FlowNode): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const text = (field: string, value: { zh: string; en: string } | undefined) => {
    if (value !== undefined) out.push([`${field}.zh`, value.zh], [`${field}.en`, value.en]);
  };
  switch (node.type) {
    case 'say':
      text('text', node.text);
      node.buttons?.forEach((button, i) => {
        text(`buttons.${i}.label`, button.label);
        text(`buttons.${i}.payload`, button.payload);
      });
      break;
    case 'ask':
      text('slot.prompt', node.slot.prompt);
      text('slot.reprompt', node.slot.reprompt);
      break;
    case 'confirm':
      text('text', node.text);
      text('reprompt', node.reprompt);
      break;
    case 'http':
      out.push(['url', node.url]);
      for (const [name, value] of Object.entries(node.headers ?? {})) out.push([`headers.${name}`, value]);
      out.push(...jsonStrings(node.body, 'body'));
      break;
    case 'set':
      out.push(...jsonStrings(node.values, 'values'));
      break;
    case 'handover':
      out.push(['reason', node.reason]);
      text('text', node.text);
      break;
    case 'end':
      text('text', node.text);
      break;
    default:
      break;
  }
  return out;
}

function jsonStrings(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => jsonStrings(item, `${path}.${i}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => jsonStrings(item, `${path}.${key}`));
  }
  return [];
}
