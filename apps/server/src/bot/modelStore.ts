import type { TrainedModelStore } from '@tandem/engine';
import { type SqlStore, trainedModelRepository } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';

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
