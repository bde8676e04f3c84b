import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileModelStore, MODEL_FILES_KEPT } from './modelFiles.ts';

const shop = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const other = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const key = (n: number) => n.toString(16).padStart(64, '0');
const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

function recordingLog() {
  const warnings: string[] = [];
  const log = {
    warn: (_context: unknown, message: string) => warnings.push(message),
    child: () => log,
  } as unknown as FastifyBaseLogger;
  return { log, warnings };
}

describe('trained models kept as files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tandem-model-files-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives back exactly the bytes saved under a key, per workspace, and nothing for an unknown key', async () => {
    const { log, warnings } = recordingLog();
    const models = fileModelStore(dir, shop, log);
    await models.save(key(1), bytes(300_000, 7));
    expect(await models.load(key(1))).toEqual(bytes(300_000, 7));
    expect(await models.load(key(2))).toBeNull();
    expect(await fileModelStore(dir, other, log).load(key(1))).toBeNull();
    // saved again under its key: replaced, never appended to
    await models.save(key(1), bytes(5, 1));
    expect(await models.load(key(1))).toEqual(bytes(5, 1));
    expect(readdirSync(join(dir, shop))).toEqual([`${key(1)}.model`]);
    expect(warnings).toEqual([]);
  });

  it('never turns a key or a workspace that is not one into a path', async () => {
    const { log } = recordingLog();
    for (const [workspace, name] of [
      [shop, '../../escape'],
      [shop, 'constructor'],
      ['../escape', key(1)],
    ] as const) {
      const models = fileModelStore(dir, workspace, log);
      await models.save(name, bytes(3, 1));
      expect(await models.load(name)).toBeNull();
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps only the newest few by use, and removes what a crash left half-written', async () => {
    const { log } = recordingLog();
    const models = fileModelStore(dir, shop, log);
    for (let i = 1; i <= MODEL_FILES_KEPT; i++) await models.save(key(i), bytes(5, i));
    // used in the order 1, 2, 3, a minute apart; then 1 is used again
    const folder = join(dir, shop);
    const minuteAgo = (n: number) => new Date(Date.now() - n * 60_000);
    for (let i = 1; i <= MODEL_FILES_KEPT; i++)
      utimesSync(join(folder, `${key(i)}.model`), minuteAgo(10 - i), minuteAgo(10 - i));
    const stale = join(folder, `.${key(9)}.dead.tmp`);
    writeFileSync(stale, 'half');
    utimesSync(stale, minuteAgo(60), minuteAgo(60));
    expect(await models.load(key(1))).toEqual(bytes(5, 1));
    await models.save(key(MODEL_FILES_KEPT + 1), bytes(5, 9));
    const kept = readdirSync(folder).sort();
    expect(kept).toHaveLength(MODEL_FILES_KEPT);
    expect(kept).toContain(`${key(1)}.model`);
    expect(kept).not.toContain(`${key(2)}.model`);
    expect(kept).toContain(`${key(MODEL_FILES_KEPT + 1)}.model`);
  });

  it('says when a model cannot be kept or read, and never throws to the bot', async () => {
    const { log, warnings } = recordingLog();
    // the workspace's folder is a file: nothing can be written in it, nor read from it
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, shop), 'not a folder');
    const models = fileModelStore(dir, shop, log);
    await expect(models.save(key(1), bytes(5, 1))).resolves.toBeUndefined();
    await expect(models.load(key(1))).resolves.toBeNull();
    expect(warnings).toEqual([
      'could not keep the trained bot model; a restart trains it again',
      'could not read the stored bot model; training it instead',
    ]);
  });
});
