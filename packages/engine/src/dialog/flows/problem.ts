/** One problem found in a flow: where (a path into the flow) and what. */
export interface FlowProblem {
  path: string;
  message: string;
}
