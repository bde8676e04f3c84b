import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { gunzip, gzipSync } from 'node:zlib';
import type { IntentModelSnapshot } from './model.ts';

/**
 * Where trained models are kept beyond this process (the server keeps them in its database), so a restart, a
 * rollback to an earlier knowledge base or another server of the same deployment takes the model instead of
 * training it again. Keys name what a model was trained on and by which code (`storedModelKey`).
 */
export interface TrainedModelStore {
  /** the bytes saved under this key, or null */
  load(key: string): Promise<Uint8Array | null>;
  /** keeps the bytes; reports its own failures (a model not kept is only trained again next time) */
  save(key: string, bytes: Uint8Array): Promise<void>;
}

const gunzipAsync = promisify(gunzip);

/** A snapshot as bytes: V8's structured serialisation (typed arrays stay binary), gzipped. */
export function encodeSnapshot(snapshot: IntentModelSnapshot): Uint8Array {
  return gzipSync(serialize(snapshot), { level: 1 });
}

/** The snapshot back from `encodeSnapshot`'s bytes; throws when they are not one. */
export async function decodeSnapshot(bytes: Uint8Array): Promise<IntentModelSnapshot> {
  const value = deserialize(await gunzipAsync(bytes)) as Partial<IntentModelSnapshot> | null;
  if (
    value?.format !== 1 ||
    !(value.weights instanceof Float32Array) ||
    !(value.bias instanceof Float32Array) ||
    !Array.isArray(value.classes) ||
    value.weights.length !== value.bias.length * (value.vectorizer?.features.length ?? -1)
  ) {
    throw new Error('not a trained model');
  }
  return value as IntentModelSnapshot;
}

let fingerprint: string | null = null;

/**
 * What the training code is: a model trained by other code (an upgrade, a local change) is never taken for
 * this code's. Compiled, the training worker's bundle (it holds all of the training code); from source, every
 * source file of the engine. Also the Chinese segmenter's version (its dictionary) and V8's (the bytes'
 * format).
 */
function codeFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256');
  const bundle = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (!import.meta.url.endsWith('.ts') && existsSync(bundle)) hash.update(readFileSync(bundle));
  else {
    const root = fileURLToPath(new URL('../', import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .sort();
    for (const file of files) hash.update(file).update(readFileSync(`${root}${file}`));
  }
  try {
    const jieba = createRequire(import.meta.url).resolve('@node-rs/jieba/package.json');
    hash.update(readFileSync(jieba));
  } catch {
    // no segmenter package found here: the bundle or sources above still tell code versions apart
  }
  hash.update(process.versions.v8);
  fingerprint = hash.digest('hex');
  return fingerprint;
}

/** The key a model is stored under: its training key (examples and options) and the training code. */
export function storedModelKey(trainingKey: string): string {
  return createHash('sha256').update(trainingKey).update('\u0000').update(codeFingerprint()).digest('hex');
}
