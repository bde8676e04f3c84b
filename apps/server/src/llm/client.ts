import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { guardedLookup, isPrivateLiteralHost, PRIVATE_ADDRESS_CODE } from '../documents/addressGuard.ts';

/** One message of a chat completion (OpenAI format). */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  /** called with each piece of text as it streams in; absent: no streaming */
  onDelta?: (delta: string) => void;
  signal?: AbortSignal;
}

export interface ChatResponse {
  text: string;
  promptTokens: number;
  completionTokens: number;
}

/** Why a provider call failed, as the call log records it. */
export class ProviderError extends Error {
  constructor(
    readonly outcome: 'timeout' | 'http_error' | 'bad_response' | 'network' | 'blocked_address',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProviderEndpoint {
  baseUrl: string;
  apiKey: string | null;
  chatModel: string;
  embeddingModel: string | null;
  /**
   * May the base URL reach loopback, private, link-local and other internal addresses (a self-hosted model)?
   * Absent or false: the same SSRF guard as document fetches (LLM_PROVIDER_ALLOW_PRIVATE).
   */
  allowPrivate?: boolean;
}

/** Tokens of a text when the provider does not say: about one per CJK character, one per 4 other chars. */
export function estimateTokens(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han + Math.ceil((text.length - han) / 4);
}

const url = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** Tokens of a chat request's prompt when the provider does not say (each message's text, plus a little). */
export const estimatePromptTokens = (messages: readonly ChatMessage[]): number =>
  messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);

/** The largest JSON body read from a provider (a completion; a batch of embeddings). */
export const MAX_RESPONSE_BYTES = { chat: 1024 * 1024, embeddings: 16 * 1024 * 1024 };
/** The longest answer text kept when the request sets no token limit (characters). */
const MAX_ANSWER_TEXT = 100_000;

/** The body as JSON, read at most `maxBytes` (a provider that sends more is cut off: `bad_response`). */
async function cappedJson(response: Response, maxBytes: number, signal?: AbortSignal): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      while (true) {
        const { value, done } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new ProviderError('bad_response', `the provider answered with more than ${maxBytes} bytes`);
        }
        chunks.push(value);
      }
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (signal?.aborted) throw new ProviderError('timeout', 'the provider did not answer in time');
    throw new ProviderError('network', `the answer broke off (${(error as Error).name})`);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ProviderError('bad_response', 'the provider answered with something that is not JSON');
  }
}

const blockedAddress = () =>
  new ProviderError(
    'blocked_address',
    'the provider address is inside a private network (LLM_PROVIDER_ALLOW_PRIVATE is off)',
  );

/** Statuses whose response has no body (a Response refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * One POST through node:http(s), so the connection's DNS lookup is the SSRF guard's (a name that resolves
 * inside the network is refused as it connects, not only when checked), answered as a fetch Response.
 */
function send(
  target: URL,
  headers: Record<string, string>,
  payload: Buffer,
  allowPrivate: boolean,
  signal?: AbortSignal,
): Promise<Response> {
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
        lookup: guardedLookup(allowPrivate) as never,
        ...(signal ? { signal } : {}),
      },
      (incoming) => {
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          incoming.destroy();
          return reject(new ProviderError('bad_response', `the provider answered with status ${status}`));
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers))
          for (const one of [value ?? []].flat()) responseHeaders.append(name, one);
        if (NULL_BODY.has(status)) incoming.resume();
        const body = NULL_BODY.has(status) ? null : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
        resolve(new Response(body, { status, headers: responseHeaders }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function post(endpoint: ProviderEndpoint, path: string, body: unknown, signal?: AbortSignal) {
  const allowPrivate = endpoint.allowPrivate ?? false;
  let target: URL;
  try {
    target = new URL(url(endpoint.baseUrl, path));
  } catch {
    throw new ProviderError('network', 'the provider address is not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new ProviderError('network', 'the provider address must be http or https');
  if (!allowPrivate && isPrivateLiteralHost(target)) throw blockedAddress();
  let response: Response;
  try {
    response = await send(
      target,
      {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      Buffer.from(JSON.stringify(body)),
      allowPrivate,
      signal,
    );
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if ((error as NodeJS.ErrnoException).code === PRIVATE_ADDRESS_CODE) throw blockedAddress();
    if (signal?.aborted) throw new ProviderError('timeout', 'the provider did not answer in time');
    throw new ProviderError('network', `could not reach the provider (${(error as Error).name})`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ProviderError('http_error', `the provider answered ${response.status}`, response.status);
  }
  return response;
}

/** Reads server-sent events (`data: …` lines) from a streamed completion. */
async function* sseData(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('data:')) yield line.slice(5).trim();
        newline = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_RESPONSE_BYTES.chat)
        throw new ProviderError('bad_response', 'a streamed event is too large');
    }
    if (buffer.startsWith('data:')) yield buffer.slice(5).trim();
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    if (signal?.aborted) throw new ProviderError('timeout', 'the provider stopped streaming in time');
    throw new ProviderError('network', `the stream broke (${(error as Error).name})`);
  } finally {
    reader.releaseLock();
  }
}

interface CompletionChunk {
  choices?: Array<{ delta?: { content?: string | null }; message?: { content?: string | null } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

/**
 * A chat completion from an OpenAI-compatible endpoint (`POST {base}/chat/completions`), streamed when
 * `onDelta` is given (`stream: true`, usage requested in the last chunk). Providers that report no usage
 * are counted by estimate, so the budget still holds. An answer far longer than asked for (8 characters per
 * token of `maxTokens`) or a body over MAX_RESPONSE_BYTES is cut off as `bad_response`.
 */
export async function chatCompletion(
  endpoint: ProviderEndpoint,
  request: ChatRequest,
): Promise<ChatResponse> {
  const stream = request.onDelta !== undefined;
  const response = await post(
    endpoint,
    '/chat/completions',
    {
      model: endpoint.chatModel,
      messages: request.messages,
      temperature: request.temperature ?? 0.2,
      ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    },
    request.signal,
  );
  const promptEstimate = estimatePromptTokens(request.messages);
  // (a provider that ignores `stream` answers with one JSON body: taken as it is)
  const json = (response.headers.get('content-type') ?? '').includes('application/json');
  const maxText = request.maxTokens ? request.maxTokens * 8 : MAX_ANSWER_TEXT;
  const tooLong = () => new ProviderError('bad_response', 'the answer is far longer than asked for');
  if (!stream || json || !response.body) {
    const parsed = (await cappedJson(response, MAX_RESPONSE_BYTES.chat, request.signal)) as CompletionChunk;
    const text = parsed?.choices?.[0]?.message?.content;
    if (typeof text !== 'string') throw new ProviderError('bad_response', 'the answer has no message');
    if (text.length > maxText) throw tooLong();
    if (stream && text) request.onDelta?.(text);
    return {
      text,
      promptTokens: parsed.usage?.prompt_tokens ?? promptEstimate,
      completionTokens: parsed.usage?.completion_tokens ?? estimateTokens(text),
    };
  }
  let text = '';
  let usage: CompletionChunk['usage'] = null;
  for await (const data of sseData(response.body, request.signal)) {
    if (data === '[DONE]') break;
    let chunk: CompletionChunk;
    try {
      chunk = JSON.parse(data) as CompletionChunk;
    } catch {
      throw new ProviderError('bad_response', 'a streamed chunk is not JSON');
    }
    if (chunk.usage) usage = chunk.usage;
    const delta = chunk.choices?.[0]?.delta?.content;
    if (typeof delta === 'string' && delta !== '') {
      text += delta;
      if (text.length > maxText) throw tooLong();
      request.onDelta?.(delta);
    }
  }
  return {
    text,
    promptTokens: usage?.prompt_tokens ?? promptEstimate,
    completionTokens: usage?.completion_tokens ?? estimateTokens(text),
  };
}

/** Embeddings of several texts in one request (`POST {base}/embeddings`), in the order given. */
export async function embeddings(
  endpoint: ProviderEndpoint,
  texts: string[],
  signal?: AbortSignal,
): Promise<{ vectors: number[][]; tokens: number }> {
  if (!endpoint.embeddingModel) throw new ProviderError('bad_response', 'no embedding model is configured');
  const response = await post(
    endpoint,
    '/embeddings',
    { model: endpoint.embeddingModel, input: texts },
    signal,
  );
  const parsed = (await cappedJson(response, MAX_RESPONSE_BYTES.embeddings, signal)) as {
    data?: Array<{ index?: number; embedding?: unknown }>;
    usage?: { total_tokens?: number };
  } | null;
  const data = parsed?.data ?? [];
  if (data.length !== texts.length) throw new ProviderError('bad_response', 'wrong number of embeddings');
  const vectors = [...data]
    .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
    .map((d) => {
      if (!Array.isArray(d.embedding) || !d.embedding.every((x) => typeof x === 'number'))
        throw new ProviderError('bad_response', 'an embedding is not a list of numbers');
      return d.embedding as number[];
    });
  return { vectors, tokens: parsed?.usage?.total_tokens ?? texts.reduce((n, t) => n + estimateTokens(t), 0) };
}
