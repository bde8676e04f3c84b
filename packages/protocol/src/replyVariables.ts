import { z } from 'zod';

/** The variables a canned reply may contain, written in braces: "您好 {customer.name}". */
export const replyVariableNames = [
  'customer.name',
  'customer.email',
  'customer.phone',
  'order.number',
  'agent.name',
  'workspace.name',
] as const;
export const replyVariableNameSchema = z.enum(replyVariableNames);
export type ReplyVariableName = z.infer<typeof replyVariableNameSchema>;

const KNOWN: ReadonlySet<string> = new Set(replyVariableNames);
/** `{customer.name}`, also with spaces inside the braces (`{ customer.name }`) */
const VARIABLE = /\{\s*([a-z]+\.[a-z]+)\s*\}/g;

/**
 * Puts the values into a reply's variables, in one pass (a value that itself looks like a variable stays as
 * it is). A variable that is unknown, or whose value is missing or blank, stays as typed, so the agent sees
 * what still needs filling in.
 */
export function fillReplyVariables(body: string, values: ReadonlyMap<string, string>): string {
  return body.replace(VARIABLE, (typed: string, name: string) => {
    if (!KNOWN.has(name)) return typed;
    const value = values.get(name);
    return value !== undefined && value.trim() !== '' ? value : typed;
  });
}

/** The known variables a reply uses, each once, in order of first use. */
export function replyVariablesIn(body: string): ReplyVariableName[] {
  const found = new Set<ReplyVariableName>();
  for (const match of body.matchAll(VARIABLE)) {
    const name = match[1] as string;
    if (KNOWN.has(name)) found.add(name as ReplyVariableName);
  }
  return [...found];
}

export const replyVariableSchema = z.object({
  name: replyVariableNameSchema,
  /** null: not known for this conversation (the variable stays as typed) */
  value: z.string().nullable(),
});
export type ReplyVariable = z.infer<typeof replyVariableSchema>;

/** GET /api/conversations/:id/reply-variables: every variable, with its value for that conversation. */
export const replyVariablesResponseSchema = z.object({ variables: z.array(replyVariableSchema) });
export type ReplyVariablesResponse = z.infer<typeof replyVariablesResponseSchema>;

/** The values of a reply-variables response, as `fillReplyVariables` takes them. */
export function replyVariableMap(variables: readonly ReplyVariable[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const { name, value } of variables) if (value !== null) values.set(name, value);
  return values;
}
