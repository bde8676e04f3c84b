import { createContext, useContext } from 'react';
import { type Checked, noProblems } from './problems.ts';

/** What every field of the form reads: the server's checks of the draft, and the nodes it may link to. */
export interface FlowFormState {
  checked: Checked;
  nodeIds: string[];
  /** slots the ask nodes fill (for a confirm node's corrections) */
  slotNames: string[];
}

export const FlowFormContext = createContext<FlowFormState>({
  checked: noProblems,
  nodeIds: [],
  slotNames: [],
});

export const useFlowForm = () => useContext(FlowFormContext);
