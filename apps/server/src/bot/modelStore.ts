import type { TrainedModelStore } from '@tandem/engine';
import { type SqlStore, trainedModelRepository } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { fileModelStore } from './modelFiles.ts';

/**
 * Where workspaces' trained models are kept: in PostgreSQL (shared by every server of the deployment), or as
 * files beside the embedded database (not in PGlite itself, whose WebAssembly memory grew by about 160 MB for
 * good when a 2.4 MB model was written: docs/architecture.md); none for an in-memory database without a
 * model directory.
 */
export function modelStoreFor(
  config: Pick<Config, 'database' | 'botModelDir'>,
  store: SqlStore,
  log: FastifyBaseLogger,
): ((workspaceId: string) => TrainedModelStore) | undefined {
  if (config.database.driver === 'postgres')
    return (workspaceId) => workspaceModelStore(store, workspaceId, log);
  const dir = config.botModelDir;
  return dir ? (workspaceId) => fileModelStore(dir, workspaceId, log) : undefined;
}

/**
 * A workspace's trained models in the database: a restart, a rollback to an earlier knowledge base or another
 * server of the deployment takes the model instead of training it again. Failures are logged and never stop
 * the bot: a model that cannot be read is trained, one that cannot be kept is trained again next time.
 */
export function workspaceModelStore(
  store: SqlStore,
  workspaceId: string,
  log: FastifyBaseLogger,
): TrainedModelStore {
  const models = trainedModelRepository(store.db);
  return {
    async load(key) {
      try {
        return await models.load(workspaceId, key);
      } catch (error) {
        log.warn({ err: error, workspaceId }, 'could not read the stored bot model; training it instead');
        return null;
      }
    },
    async save(key, bytes) {
      try {
        await models.save(workspaceId, key, bytes);
      } catch (error) {
        log.warn(
          { err: error, workspaceId },
          'could not keep the trained bot model; a restart trains it again',
        );
      }
    },
  };
}
