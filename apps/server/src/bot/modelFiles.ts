import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainedModelStore } from '@tandem/engine';
import type { FastifyBaseLogger } from 'fastify';

/** Trained models kept per workspace; the newest this many by use stay, older files are deleted. */
export const MODEL_FILES_KEPT = 3;
/** The engine's stored-model keys are SHA-256 in hex: nothing else becomes a file name. */
const KEY = /^[0-9a-f]{64}$/;
const WORKSPACE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A temporary file this old was left by a process that died while writing: it is removed. */
const STALE_TEMP_MS = 10 * 60_000;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/**
 * A workspace's trained models as files (`<dir>/<workspace id>/<key>.model`), for the embedded database: a
 * restart takes the model instead of training it again, without writing megabytes into PGlite (whose memory
 * would grow for good, see docs/architecture.md). A file is written whole under a temporary name and then
 * renamed, so a process that dies while writing never leaves half a model under a key (after a power loss an
 * unreadable file is possible: it fails the snapshot check and the model is trained again); loading marks a
 * file used (its time), and each save deletes the workspace's other files beyond the newest few. Folders are
 * the owner's only (0700, files 0600). Failures are logged and never stop the bot.
 */
export function fileModelStore(dir: string, workspaceId: string, log: FastifyBaseLogger): TrainedModelStore {
  const folder = join(dir, workspaceId.toLowerCase());
  const valid = (key: string) => KEY.test(key) && WORKSPACE.test(workspaceId);
  const pathOf = (key: string) => join(folder, `${key}.model`);
  return {
    async load(key) {
      if (!valid(key)) return null;
      try {
        const bytes = await readFile(pathOf(key));
        const now = new Date();
        await utimes(pathOf(key), now, now).catch(() => undefined);
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        if (!isMissing(error))
          log.warn({ err: error, workspaceId }, 'could not read the stored bot model; training it instead');
        return null;
      }
    },
    async save(key, bytes) {
      if (!valid(key)) return;
      const temporary = join(folder, `.${key}.${randomUUID()}.tmp`);
      try {
        await mkdir(folder, { recursive: true, mode: 0o700 });
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, pathOf(key));
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        log.warn(
          { err: error, workspaceId },
          'could not keep the trained bot model; a restart trains it again',
        );
        return;
      }
      await prune(folder, `${key}.model`).catch((error: unknown) =>
        log.warn({ err: error, workspaceId }, 'could not remove older trained bot models'),
      );
    },
  };
}

/**
 * Deletes the models beyond the newest few by use (never `kept`, the one just saved: file times can be coarse),
 * and temporary files left by a crash.
 */
async function prune(folder: string, kept: string): Promise<void> {
  const now = Date.now();
  const files = await Promise.all(
    (await readdir(folder)).map(async (name) => {
      const info = await stat(join(folder, name)).catch(() => null);
      return { name, used: info?.mtimeMs ?? 0, present: info !== null };
    }),
  );
  const models = files
    .filter((file) => file.present && file.name.endsWith('.model') && file.name !== kept)
    .sort((a, b) => b.used - a.used || a.name.localeCompare(b.name));
  const stale = files.filter((file) => file.name.endsWith('.tmp') && now - file.used > STALE_TEMP_MS);
  for (const file of [...models.slice(MODEL_FILES_KEPT - 1), ...stale]) {
    await unlink(join(folder, file.name)).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }
}
