import type { FlowHttp } from './types.ts';

export type FlowHttpErrorCode = 'not_allowed' | 'timeout' | 'network' | 'invalid_json' | 'too_large';

/** Why a business-system call gave no usable answer. Calls failing with not_allowed, invalid_json or too_large are not retried. */
export class FlowHttpError extends Error {
  constructor(
    readonly code: FlowHttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FlowHttpError';
  }
}

export interface FetchHttpOptions {
  /** Origins flows may call, e.g. ["http://127.0.0.1:8080", "https://api.example.com"]. */
  allowOrigins: string[];
  /** Largest response body read; default 1 MB. */
  maxBytes?: number;
}

/**
 * The `http` of a FlowContext over fetch: refuses URLs outside the allow-list, aborts at the request's
 * timeout (body included), does not follow redirects (a 3xx is just a non-2xx status), parses JSON.
 */
export function createFetchHttp(options: FetchHttpOptions): FlowHttp {
  const allowed = new Set(options.allowOrigins.map((origin) => new URL(origin).origin));
  const maxBytes = options.maxBytes ?? 1_000_000;
  return async (request) => {
    const url = new URL(request.url);
    if (!allowed.has(url.origin))
      throw new FlowHttpError('not_allowed', `${url.origin} is not in the allow-list`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
      const init: RequestInit = {
        method: request.method,
        headers,
        redirect: 'manual',
        signal: controller.signal,
      };
      if (request.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(request.body);
      }
      const response = await fetch(url, init);
      const text = await readText(response, maxBytes);
      return { status: response.status, body: parseBody(text) };
    } catch (error) {
      if (error instanceof FlowHttpError) throw error;
      // Origin and path only: query strings may carry tokens, and these messages end up in logs.
      const where = `${request.method} ${url.origin}${url.pathname}`;
      if (controller.signal.aborted) {
        throw new FlowHttpError('timeout', `${where}: no answer within ${request.timeoutMs} ms`);
      }
      throw new FlowHttpError('network', `${where}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  };
}

async function readText(response: Response, maxBytes: number): Promise<string> {
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FlowHttpError('too_large', `response larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new FlowHttpError('invalid_json', `response is not JSON: ${text.slice(0, 60)}`);
  }
}
