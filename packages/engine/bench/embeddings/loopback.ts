/**
 * A loopback OpenAI-compatible embeddings provider for the benchmarks: `POST /v1/embeddings` on 127.0.0.1,
 * answering with deterministic embeddings made for the measurement (no model anywhere). The model name picks
 * the encoder:
 * - `hashed`: words and Han characters/bigrams hashed into 256 dimensions (`hashedEmbedding`): lexical only,
 *   what the classical engine already sees — a weak encoder;
 * - `simulated-<s>` (s in 0..1): a stand-in for a pretrained encoder of known strength. A question's vector is
 *   its intent's direction (s), its words' hashed vector (0.5) and noise of its own (1 − s), so questions of one
 *   intent cluster more or less tightly and surface wording still counts. A question about an intent the bot
 *   was not taught gets a direction of its own mixed with one taught intent's (it resembles something the bot
 *   knows, as real off-topic questions do). The intent of every text comes from the data set (the encoder
 *   "knows" meaning); what is measured is how much the engine gains from such an encoder, not the encoder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hashedEmbedding, seededDirection } from '../../src/retrieval/documents/vectorMatch.ts';

const DIMS = 256;

const add = (into: number[], v: readonly number[], w: number) => {
  for (let i = 0; i < into.length; i++) into[i] = (into[i] as number) + w * (v[i] as number);
};

/** The simulated encoder (see above); `intentOf` gives a text's intent, `oos` (or none) for untaught ones. */
export function simulatedEmbedding(
  text: string,
  strength: number,
  intentOf: (text: string) => string | undefined,
  taught: readonly string[],
): number[] {
  const intent = intentOf(text);
  const v = new Array<number>(DIMS).fill(0);
  if (intent && intent !== 'oos' && taught.includes(intent))
    add(v, seededDirection(`intent:${intent}`), strength);
  else {
    // untaught: its own direction, partly like one taught intent
    const like = taught[Math.abs(hashOf(text)) % Math.max(1, taught.length)] ?? '';
    add(v, seededDirection(`other:${intent ?? text}`), strength * 0.8);
    add(v, seededDirection(`intent:${like}`), strength * 0.6);
  }
  add(v, hashedEmbedding(text), 0.5);
  add(v, seededDirection(`noise:${text}`), 1 - strength);
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

function hashOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) as number), 16777619);
  return h | 0;
}

export interface LoopbackProvider {
  baseUrl: string;
  /** embedding requests received and texts embedded */
  calls: { requests: number; texts: number };
  close(): Promise<void>;
}

/** Starts the provider; `encode(model, text)` makes each embedding. */
export async function startLoopbackProvider(
  encode: (model: string, text: string) => number[],
): Promise<LoopbackProvider> {
  const calls = { requests: 0, texts: 0 };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) {
        res.writeHead(404).end();
        return;
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string | string[] };
      const texts = Array.isArray(input) ? input : [input];
      calls.requests++;
      calls.texts += texts.length;
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
      res.end(
        JSON.stringify({
          object: 'list',
          model,
          data: texts.map((t, index) => ({ object: 'embedding', index, embedding: encode(model, t) })),
          usage: { prompt_tokens: texts.length, total_tokens: texts.length },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Embeds texts through an OpenAI-compatible `/embeddings` endpoint, `batch` at a time (as the server does). */
export async function embedAll(
  baseUrl: string,
  model: string,
  texts: readonly string[],
  options: { batch?: number; apiKey?: string } = {},
): Promise<number[][]> {
  const batch = options.batch ?? 64;
  const out: number[][] = [];
  for (let i = 0; i < texts.length; i += batch) {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/embeddings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({ model, input: texts.slice(i, i + batch) }),
    });
    if (!response.ok) throw new Error(`the provider answered ${response.status}`);
    const body = (await response.json()) as { data: Array<{ index: number; embedding: number[] }> };
    out.push(...body.data.sort((a, b) => a.index - b.index).map((d) => d.embedding));
  }
  return out;
}
