import type { NodeType, Path } from './flowDocument.ts';

/** What a node's fields get: its id, the node as written, and a way to change one value in it. */
export interface NodeProps {
  id: string;
  node: Record<string, unknown>;
  set: (path: Path, value: unknown) => void;
}

/** A field's problem path (`nodes.ask_1.slot.prompt`). */
export const fieldPath = (id: string, field: string) => `nodes.${id}.${field}`;

/**
 * The fields the form shows for a node: problems under them appear at the field, any others (an unknown
 * field, the node as a whole) above the node's fields.
 */
export function claimedOf(type: NodeType, node: Record<string, unknown>): readonly string[] {
  const each = (list: unknown, field: (i: number) => string) =>
    Array.isArray(list) ? list.map((_item, i) => field(i)) : [];
  if (type === 'say') return [...CLAIMED.say, ...each(node.buttons, (i) => `buttons.${i}.label`)];
  if (type === 'branch') return [...CLAIMED.branch, ...each(node.cases, (i) => `cases.${i}`)];
  return CLAIMED[type];
}

const CLAIMED: Record<NodeType, readonly string[]> = {
  say: ['type', 'text', 'next'],
  ask: [
    'type',
    'slot.name',
    'slot.entity',
    'slot.prompt',
    'slot.reprompt',
    'slot.validate',
    'slot.maxRetries',
    'slot.onFail',
    'slot.sensitive',
    'next',
  ],
  confirm: ['type', 'text', 'yes', 'no', 'slots', 'reprompt', 'maxRetries', 'onFail'],
  branch: ['type', 'default'],
  http: [
    'type',
    'method',
    'url',
    'headers',
    'body',
    'timeoutMs',
    'retries',
    'map',
    'onStatus',
    'next',
    'onError',
  ],
  set: ['type', 'values', 'next'],
  handover: ['type', 'tier', 'team', 'reason', 'text'],
  end: ['type', 'text'],
};

export const SLOT_ENTITIES = [
  'order_number',
  'phone',
  'email',
  'date',
  'datetime',
  'number',
  'money',
  'bank_card_last4',
  'otp',
  'text',
] as const;

export const CONDITION_OPS = ['eq', 'neq', 'in', 'exists', 'gt', 'lt', 'gte', 'lte'] as const;
