import { z } from 'zod';
import { conditionSchema } from './conditionSchema.ts';
import { PATH_PATTERN } from './path.ts';
import { buttonSchema, nodeId, RESERVED_NAMES, textSchema, varName } from './schemaParts.ts';
import { slotSchema } from './slotSchema.ts';

const sayNode = z.strictObject({
  type: z.literal('say'),
  text: textSchema,
  buttons: z.array(buttonSchema).max(10).optional(),
  next: nodeId,
});

const askNode = z.strictObject({ type: z.literal('ask'), slot: slotSchema, next: nodeId });

const confirmNode = z.strictObject({
  type: z.literal('confirm'),
  text: textSchema,
  yes: nodeId,
  no: nodeId,
  /** Slots the customer may correct here ("不是，是 …"); default every slot an ask node fills. */
  slots: z.array(varName).max(20).optional(),
  reprompt: textSchema.optional(),
  maxRetries: z.number().int().min(0).max(5).default(2),
  onFail: nodeId.optional(),
});

const branchNode = z.strictObject({
  type: z.literal('branch'),
  cases: z
    .array(z.strictObject({ when: conditionSchema, next: nodeId }))
    .min(1)
    .max(50),
  default: nodeId,
});

const responsePath = z
  .string()
  .regex(PATH_PATTERN, 'must be a path such as response.order.status')
  .refine((path) => path === 'response' || path.startsWith('response.'), {
    message: 'must start with "response"',
  });

const httpNode = z.strictObject({
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  /** Relative (resolved against the context's baseUrl) or absolute http(s) URL; values are URL-encoded. */
  url: z
    .string()
    .min(1)
    .max(2000)
    .refine((url) => url.startsWith('/') || /^https?:\/\//i.test(url), {
      message: 'must start with "/" (relative to the business API) or http(s)://',
    }),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name'), z.string().max(2000))
    .optional(),
  body: z.json().optional(),
  timeoutMs: z.number().int().min(100).max(10_000).default(3000),
  retries: z.number().int().min(0).max(3).default(1),
  map: z.record(varName, responsePath).default({}),
  /** Statuses with their own path (404 → "not found" node); the response stays readable as {{response.x}}. */
  onStatus: z
    .record(z.string().regex(/^[1-5]\d\d$/, 'must be an HTTP status such as 404'), nodeId)
    .optional(),
  next: nodeId,
  onError: nodeId,
});

const setKey = z
  .string()
  .regex(/^(?:slots\.)?[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a variable name or slots.<name>')
  .refine((key) => !RESERVED_NAMES.includes(key), { message: `is reserved (${RESERVED_NAMES.join(', ')})` })
  .refine((key) => key !== '__proto__' && key !== 'slots.__proto__', { message: 'is not allowed as a name' });

const setNode = z.strictObject({
  type: z.literal('set'),
  /** Strings are templates; "{{path}}" alone copies the value with its type; null clears. */
  values: z.record(setKey, z.json()),
  next: nodeId,
});

const handoverNode = z.strictObject({
  type: z.literal('handover'),
  tier: z.enum(['agent', 'expert']).default('agent'),
  team: z.string().min(1).max(100).optional(),
  /** Shown to the agent, a template. */
  reason: z.string().min(1).max(500),
  text: textSchema.optional(),
});

const endNode = z.strictObject({ type: z.literal('end'), text: textSchema.optional() });

export const nodeSchema = z.discriminatedUnion('type', [
  sayNode,
  askNode,
  confirmNode,
  branchNode,
  httpNode,
  setNode,
  handoverNode,
  endNode,
]);

export const flowSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be letters, digits, _ or -'),
  name: textSchema,
  description: textSchema.optional(),
  trigger: z.strictObject({
    examples: z.strictObject({
      zh: z.array(z.string().trim().min(1).max(200)).max(200),
      en: z.array(z.string().trim().min(1).max(200)).max(200),
    }),
  }),
  start: nodeId,
  nodes: z
    .record(z.string(), nodeSchema)
    .refine((nodes) => Object.keys(nodes).length > 0, { message: 'needs at least one node' })
    .refine((nodes) => Object.keys(nodes).length <= 200, { message: 'at most 200 nodes' }),
  maxSteps: z.number().int().min(1).max(500).default(50),
  /** Variables and slots shown masked in the turn result's vars (tokens, codes). */
  sensitive: z.array(z.string().max(64)).max(50).default([]),
});

export type FlowDefinition = z.output<typeof flowSchema>;
export type FlowNode = z.output<typeof nodeSchema>;
export type SayNode = z.output<typeof sayNode>;
export type AskNode = z.output<typeof askNode>;
export type ConfirmNode = z.output<typeof confirmNode>;
export type BranchNode = z.output<typeof branchNode>;
export type HttpNode = z.output<typeof httpNode>;
export type SetNode = z.output<typeof setNode>;
export type HandoverNode = z.output<typeof handoverNode>;
export type EndNode = z.output<typeof endNode>;
export type FlowText = z.output<typeof textSchema>;
export type FlowButton = z.output<typeof buttonSchema>;
/** A flow as written (defaults not yet applied). */
export type FlowSource = z.input<typeof flowSchema>;
