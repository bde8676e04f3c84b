import { FlowHttpError } from './fetchHttp.ts';
import { readPath } from './path.ts';
import type { HttpNode } from './schema.ts';
import { renderTemplate, renderValue } from './template.ts';
import { type Move, scopeOf, type Turn } from './turn.ts';
import type { FlowHttpRequest } from './types.ts';

/** More calls than this in one turn go straight to the error branch: a loop of calls must not stall the chat. */
export const MAX_HTTP_CALLS_PER_TURN = 10;
/** No call (or retry) starts once a turn has spent this long: the customer is waiting. */
export const MAX_TURN_MS = 20_000;
/** Responses larger than this (as JSON) are not kept for {{response.x}}; mapped variables still are. */
const MAX_KEPT_RESPONSE = 16_000;
const RETRY_DELAY_MS = 150;

type Attempt = { status: number; body: unknown } | { error: string; retry: boolean };

const FINAL_ERRORS = new Set(['not_allowed', 'invalid_json', 'too_large']);

/**
 * Calls the business system. 2xx with every mapped field present → next; a status listed in onStatus →
 * that node; timeouts, network errors, 5xx and 429 are retried; anything else → onError.
 */
export async function runHttp(turn: Turn, id: string, node: HttpNode): Promise<Move> {
  const problem = (message: string): Move => {
    turn.problems.push({ node: id, message });
    return { to: node.onError };
  };
  turn.httpCalls += 1;
  if (turn.httpCalls > MAX_HTTP_CALLS_PER_TURN)
    return problem(`more than ${MAX_HTTP_CALLS_PER_TURN} calls in one turn`);
  if (overTime(turn)) return problem(`the turn has run for more than ${MAX_TURN_MS} ms`);
  const request = buildRequest(turn, node);
  if ('error' in request) return problem(request.error);
  let last: Attempt = { error: 'not called', retry: false };
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    if (attempt > 0) await sleep(RETRY_DELAY_MS * attempt);
    last = await call(turn, request);
    if (!shouldRetry(last) || overTime(turn)) break;
  }
  if ('error' in last) return problem(last.error);
  const target = node.onStatus?.[String(last.status)];
  if (target !== undefined) {
    keepResponse(turn, last.body);
    return { to: target };
  }
  if (last.status < 200 || last.status > 299) {
    keepResponse(turn, last.body);
    return problem(`${request.method} ${withoutQuery(request.url)} answered ${last.status}`);
  }
  if (last.body !== null && typeof last.body !== 'object')
    return problem('the response is not a JSON object');
  const values: Record<string, unknown> = {};
  for (const [name, path] of Object.entries(node.map)) {
    const value = readPath({ response: last.body }, path);
    if (value === undefined) return problem(`the response has no ${path}`);
    values[name] = value;
  }
  keepResponse(turn, last.body);
  Object.assign(turn.state.vars, values);
  return { to: node.next };
}

function buildRequest(turn: Turn, node: HttpNode): FlowHttpRequest | { error: string } {
  const scope = scopeOf(turn);
  const path = renderTemplate(node.url, scope, turn.lang, encodeURIComponent);
  let url: URL;
  try {
    url = new URL(path, turn.ctx.baseUrl);
  } catch {
    return { error: turn.ctx.baseUrl ? `bad URL ${path}` : `relative URL ${path} needs a baseUrl` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { error: `${url.protocol} URLs are not allowed` };
  const request: FlowHttpRequest = { method: node.method, url: url.href, timeoutMs: node.timeoutMs };
  if (node.headers) {
    request.headers = Object.fromEntries(
      Object.entries(node.headers).map(([name, value]) => [name, renderTemplate(value, scope, turn.lang)]),
    );
  }
  if (node.body !== undefined) request.body = renderValue(node.body, scope, turn.lang);
  return request;
}

async function call(turn: Turn, request: FlowHttpRequest): Promise<Attempt> {
  // The caller's http function enforces the timeout; this guard covers one that does not.
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<Attempt>((resolve) => {
    timer = setTimeout(
      () => resolve({ error: `no answer within ${request.timeoutMs} ms`, retry: true }),
      request.timeoutMs + 500,
    );
  });
  const attempt = Promise.resolve()
    .then(() => turn.ctx.http(request))
    .then((response): Attempt => {
      const body = toJson(response.body);
      if (body === undefined) return { error: 'the response is not JSON', retry: false };
      return { status: response.status, body };
    })
    .catch(
      (error: unknown): Attempt => ({
        error: error instanceof Error ? error.message : String(error),
        retry: !(error instanceof FlowHttpError && FINAL_ERRORS.has(error.code)),
      }),
    );
  try {
    return await Promise.race([attempt, guard]);
  } finally {
    clearTimeout(timer);
  }
}

function shouldRetry(attempt: Attempt): boolean {
  if ('error' in attempt) return attempt.retry;
  return attempt.status >= 500 || attempt.status === 429 || attempt.status === 408;
}

function keepResponse(turn: Turn, body: unknown): void {
  const size = JSON.stringify(body).length;
  turn.state.response = size <= MAX_KEPT_RESPONSE ? structuredClone(body) : null;
}

/** A plain-JSON copy (the state is persisted as JSON), or undefined when the value is not JSON. */
function toJson(value: unknown): unknown {
  try {
    const text = JSON.stringify(value ?? null);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function overTime(turn: Turn): boolean {
  return Date.now() - turn.startedAt > MAX_TURN_MS;
}

/** Query strings may carry tokens: keep them out of problem reports. */
function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
