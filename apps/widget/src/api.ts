import type { AttachmentView, ErrorCode, WidgetSession, WidgetSessionBody } from '@tandem/protocol';
import { offline, type Result } from './socket.ts';

/** A failed REST call: `code` is the server's error code, or 'network' when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSession(value: unknown): value is WidgetSession {
  return (
    isRecord(value) &&
    typeof value.visitorToken === 'string' &&
    isRecord(value.workspace) &&
    typeof value.workspace.name === 'string' &&
    Array.isArray(value.messages) &&
    (value.conversation === null || isRecord(value.conversation))
  );
}

/** POST /api/widget/session: who the visitor is, and their current conversation with its messages. */
export async function fetchSession(origin: string, body: WidgetSessionBody): Promise<WidgetSession> {
  let response: Response;
  try {
    response = await fetch(`${origin}/api/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
    });
  } catch (error) {
    throw new ApiError('network', error instanceof Error ? error.message : 'network error', 0);
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) {
    const error = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
    const code = typeof error?.code === 'string' ? (error.code as ErrorCode) : 'internal';
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
    throw new ApiError(code, message, response.status);
  }
  if (!isSession(payload)) throw new ApiError('internal', 'unexpected session response', response.status);
  return payload;
}

/**
 * GET /api/widget/appearance: the workspace's look (unchecked: see readAppearance), or null when it cannot be
 * had (the widget then looks as it does by default).
 */
export const fetchAppearance = (origin: string, workspace: string): Promise<unknown> =>
  fetch(`${origin}/api/widget/appearance?workspace=${workspace}`, { credentials: 'omit' })
    .then((response) => response.json())
    .then((body) => body?.appearance)
    .catch(() => null);

/**
 * POST /api/widget/attachments: the file's bytes, its name percent-encoded, the visitor token as a bearer
 * token. Reports the upload's progress (0–100); no answer is a `network` failure (sent again later).
 */
export const uploadFile = (
  origin: string,
  token: string,
  file: File,
  onProgress: (percent: number) => void,
) =>
  new Promise<Result<{ attachment: AttachmentView }>>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${origin}/api/widget/attachments`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress(Math.floor((100 * event.loaded) / (event.total || 1)));
    xhr.onload = () =>
      resolve(
        xhr.status === 201
          ? { ok: true, data: xhr.response }
          : { ok: false, error: xhr.response?.error ?? { code: 'internal', message: '' } },
      );
    xhr.onerror = xhr.ontimeout = () => resolve(offline);
    xhr.send(file);
  });
