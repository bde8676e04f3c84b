import type { Analysis } from '../lang/index.ts';

/** One training example as the trainer sees it (a workspace's own or a generated off-topic one). */
export interface Item {
  analysis: Analysis;
  /** feature strings of the analysis, extracted once for both models */
  features: string[];
  text: string;
  label: string;
  /** 1 for the workspace's own examples; less for generated ones */
  weight: number;
}
