import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedEmbedding } from '@tandem/engine';

/** One request the loopback provider received. */
export interface ReceivedCall {
  path: string;
  authorization: string | null;
  body: {
    model?: string;
    stream?: boolean;
    messages?: Array<{ role: string; content: string }>;
    input?: string[];
  };
}

/** What the loopback provider does with the next chat completion. */
export type ScriptedReply =
  | { kind: 'text'; text: string; delayMs?: number; usage?: { prompt: number; completion: number } }
  | {
      kind: 'stream';
      chunks: string[];
      delayMs?: number;
      chunkDelayMs?: number;
      /** after this many chunks the stream waits for `resumeStream()` */
      pauseAfter?: number;
    }
  | { kind: 'error'; status: number; delayMs?: number }
  | { kind: 'hang' }
  /** answers with the system message it was sent (a model that leaks its instructions) */
  | { kind: 'echo' };

/** The loopback provider's embeddings: the engine's deterministic hashed embedding (see hashedEmbedding). */
export const loopbackEmbedding = (text: string, aliases?: ReadonlyMap<string, string>) =>
  hashedEmbedding(text, aliases);

const isChat = (call: ReceivedCall) => call.path.endsWith('/chat/completions');

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An OpenAI-compatible provider on 127.0.0.1 for tests: chat completions (JSON or SSE stream) from a script,
 * with injected delays and errors, embeddings from `loopbackEmbedding`; it records every request so tests
 * assert what left Tandem (masking, the key, the model).
 */
export async function startLoopbackProvider(
  options: {
    aliases?: ReadonlyMap<string, string>;
    /** the embedding of a text (default: `loopbackEmbedding` with the aliases) */
    embed?: (text: string) => number[];
  } = {},
) {
  const embed = options.embed ?? ((text: string) => loopbackEmbedding(text, options.aliases));
  // while set, embedding requests are received but never answered (a provider that hangs)
  let embeddingsHang = false;
  const calls: ReceivedCall[] = [];
  const script: ScriptedReply[] = [];
  let fallback: ScriptedReply = { kind: 'text', text: 'OK' };
  let embeddingError: number | null = null;
  const open = new Set<ServerResponse>();
  const waiters: Array<() => void> = [];
  // while held, chat completions are received (and recorded) but not answered
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  let paused: (() => void) | null = null;

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as ReceivedCall['body']) : {};
    calls.push({ path: req.url ?? '', authorization: req.headers.authorization ?? null, body });
    for (const w of waiters.splice(0)) w();
    if (req.url?.endsWith('/embeddings')) {
      if (embeddingError) {
        res.writeHead(embeddingError).end('{}');
        return;
      }
      if (embeddingsHang) return;
      const input = body.input ?? [];
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          data: input.map((text, index) => ({ index, embedding: embed(text) })),
          usage: { total_tokens: input.join('').length },
        }),
      );
      return;
    }
    if (gate) await gate.promise;
    const reply = script.shift() ?? fallback;
    if (reply.kind === 'hang') return;
    if ('delayMs' in reply && reply.delayMs) await wait(reply.delayMs);
    if (res.destroyed) return;
    if (reply.kind === 'error') {
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end('{"error":{"message":"scripted"}}');
      return;
    }
    if (reply.kind === 'echo') {
      const system = body.messages?.find((m) => m.role === 'system')?.content ?? '';
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: system.slice(0, 300) } }],
        }),
      );
      return;
    }
    if (reply.kind === 'text') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: 'stop' }],
          usage: reply.usage
            ? { prompt_tokens: reply.usage.prompt, completion_tokens: reply.usage.completion }
            : { prompt_tokens: 10, completion_tokens: 5 },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const [i, piece] of reply.chunks.entries()) {
      if (reply.chunkDelayMs) await wait(reply.chunkDelayMs);
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: piece } }] })}\n\n`);
      if (reply.pauseAfter === i + 1)
        await new Promise<void>((resolve) => {
          paused = resolve;
        });
    }
    res.write(
      `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 20, completion_tokens: reply.chunks.length } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    chatCalls: () => calls.filter(isChat),
    /** replies to the next completions, in order; then `always` */
    script(...replies: ScriptedReply[]) {
      script.push(...replies);
    },
    always(reply: ScriptedReply) {
      fallback = reply;
    },
    /** chat completions wait, received but unanswered, until `release` */
    hold() {
      let open: () => void = () => undefined;
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
    /** a stream paused (`pauseAfter`) goes on */
    resumeStream() {
      paused?.();
      paused = null;
    },
    failEmbeddings(status: number | null) {
      embeddingError = status;
    },
    /** embedding requests hang (are never answered) until called with false */
    hangEmbeddings(hang: boolean) {
      embeddingsHang = hang;
    },
    /** resolves once the provider has received `n` requests in all (`chat`: `n` chat completions) */
    received(n: number, only?: 'chat'): Promise<void> {
      const count = () => (only === 'chat' ? calls.filter(isChat).length : calls.length);
      if (count() >= n) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => (count() >= n ? resolve() : waiters.push(check));
        waiters.push(check);
      });
    },
    async close() {
      paused?.();
      gate?.open();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type LoopbackProvider = Awaited<ReturnType<typeof startLoopbackProvider>>;
