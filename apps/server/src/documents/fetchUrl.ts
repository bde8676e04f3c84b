import http from 'node:http';
import https from 'node:https';
import { DomainError } from '@tandem/domain';
import { guardedLookup, isPrivateLiteralHost, PRIVATE_ADDRESS_CODE } from './addressGuard.ts';

export { isPrivateAddress } from './addressGuard.ts';

export interface FetchLimits {
  allowPrivate: boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
}

export interface Fetched {
  bytes: Buffer;
  contentType: string;
  url: string;
}

const refuse = (message: string) => new DomainError('bad_request', message);

/**
 * Fetches a document by URL without letting the URL reach inside the network (SSRF): only http(s), no
 * credentials in the URL, every address the name resolves to is checked in the connection's own DNS lookup
 * (so a name cannot resolve to a public address when checked and a private one when connected), redirects
 * followed by hand and checked the same way, a size limit counted as the bytes arrive, and one deadline.
 */
export async function fetchDocumentUrl(raw: string, limits: FetchLimits): Promise<Fetched> {
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  let url = new URL(raw);
  for (let hop = 0; hop <= (limits.maxRedirects ?? 3); hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse('only http and https URLs');
    if (url.username || url.password) throw refuse('URLs with a user name or password are not fetched');
    if (!limits.allowPrivate && isPrivateLiteralHost(url))
      throw refuse('that address is inside a private network');
    const response = await get(url, limits, deadline);
    if (response.status >= 300 && response.status < 400 && response.location) {
      url = new URL(response.location, url);
      continue;
    }
    if (response.status !== 200) throw refuse(`the page answered ${response.status}`);
    return { bytes: response.body, contentType: response.contentType, url: url.toString() };
  }
  throw refuse('too many redirects');
}

function get(
  url: URL,
  limits: FetchLimits,
  signal: AbortSignal,
): Promise<{ status: number; location: string | null; contentType: string; body: Buffer }> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: guardedLookup(limits.allowPrivate) as never,
        signal,
        headers: {
          'user-agent': 'Tandem document fetch',
          accept: 'text/html,text/markdown,text/plain,application/pdf,*/*',
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const location = response.headers.location ?? null;
        const contentType = response.headers['content-type'] ?? '';
        const declared = Number(response.headers['content-length'] ?? 0);
        if (status >= 300 && status < 400) {
          response.resume();
          return resolve({ status, location, contentType, body: Buffer.alloc(0) });
        }
        if (declared > limits.maxBytes) {
          response.destroy();
          return reject(new DomainError('payload_too_large', 'the document is larger than the limit'));
        }
        const parts: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limits.maxBytes) {
            response.destroy();
            reject(new DomainError('payload_too_large', 'the document is larger than the limit'));
            return;
          }
          parts.push(chunk);
        });
        response.on('end', () => resolve({ status, location, contentType, body: Buffer.concat(parts) }));
        response.on('error', (error) => reject(translate(error, signal)));
      },
    );
    request.on('error', (error) => reject(translate(error, signal)));
  });
}

function translate(error: unknown, signal: AbortSignal): DomainError {
  if (error instanceof DomainError) return error;
  if (signal.aborted) return refuse('the page did not answer in time');
  if ((error as NodeJS.ErrnoException).code === PRIVATE_ADDRESS_CODE)
    return refuse('that address is inside a private network');
  return refuse('the page could not be fetched');
}
