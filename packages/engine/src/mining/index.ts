export {
  type Clustering,
  type ClusterOptions,
  clusterQuestions,
  type QuestionCluster,
} from './cluster.ts';
export { type ClusterWorkerOptions, clusterInWorker } from './clusterInWorker.ts';
export { type ClusterAgreement, clusterAgreement } from './metrics.ts';
export { type QuestionVectors, questionVectors, type VectorOptions } from './vectors.ts';
export type { ClusterRequest } from './worker.ts';
