/**
 * Error objects as logs may show them. Driver errors carry the data of the failed statement: PGlite's have
 * `query` and `params` (message texts, names, token hashes), PostgreSQL's `detail` ("Key (email)=(…)"),
 * `where`, `internalQuery`. pino's default `err` serializer copies every enumerable field, so all of that
 * would reach the logs. This one keeps an allow-list: type, message, code, stack (and the same for `cause`).
 *
 * Wire it into the Fastify logger options (`serializers: logSerializers`), so every `log.x({ err })` is
 * covered; code in `http/` and `realtime/` also calls `safeError` itself, so it is safe either way.
 */

export interface SafeError {
  type: string;
  message: string;
  code?: string | number;
  /** the frames, after a first line `type: message` (empty when the value had no stack) */
  stack: string;
  cause?: SafeError;
  [key: string]: unknown;
}

const MAX_MESSAGE = 500;
const MAX_DEPTH = 3;

/** PostgreSQL data exceptions quote the offending value: `invalid input syntax for type uuid: "…"`. */
const quotedValue = /: "[\s\S]*"$/;

const isDatabaseError = (error: Record<string, unknown>) =>
  typeof error.severity === 'string' && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code);

function safeMessage(error: Record<string, unknown>): string {
  let message = typeof error.message === 'string' ? error.message : '';
  if (isDatabaseError(error)) message = message.replace(quotedValue, ': "[redacted]"');
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

/** Only the stack frames: the first line repeats the (unredacted) message. */
function safeStack(type: string, message: string, stack: unknown): string {
  if (typeof stack !== 'string') return '';
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return [`${type}: ${message}`, ...frames].join('\n');
}

/** Keeps name/message/code/stack of an error (and of its causes); anything else only as its type. */
export function safeError(error: unknown, depth = 0): SafeError {
  if (typeof error !== 'object' || error === null) {
    // a rejection with a plain value: the value itself may be personal data
    return { type: typeof error, message: `non-error value of type ${typeof error}`, stack: '' };
  }
  const record = error as Record<string, unknown>;
  const type =
    typeof record.name === 'string' && record.name
      ? record.name
      : (Object.getPrototypeOf(error)?.constructor?.name ?? 'Object');
  const message = safeMessage(record);
  const result: SafeError = { type, message, stack: safeStack(type, message, record.stack) };
  if (typeof record.code === 'string' || typeof record.code === 'number') result.code = record.code;
  if (record.cause !== undefined && depth < MAX_DEPTH) result.cause = safeError(record.cause, depth + 1);
  return result;
}

/**
 * pino serializers for Fastify's logger options: `Fastify({ logger: { serializers: logSerializers, … } })`.
 * Fastify keeps its own `req`/`res` serializers and replaces `err` with this one.
 */
export const logSerializers = {
  err: (error: unknown) => safeError(error),
};
