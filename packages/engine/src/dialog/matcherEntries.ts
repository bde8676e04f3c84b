import type { KnowledgeEntry } from '../bot/types.ts';
import { phrasingKey } from './phrasing.ts';
import type { MatcherTraining } from './trainedMatchers.ts';
import type { WorkspaceBrain } from './types.ts';

/** A matched entry id with this prefix is a flow to start, not an FAQ answer. */
export const FLOW_PREFIX = 'flow:';

/** Flows are found by the same matcher as FAQ entries: each flow is an entry whose questions are its triggers. */
export function flowEntries(brain: WorkspaceBrain): KnowledgeEntry[] {
  return brain.flows.map((flow) => ({
    id: `${FLOW_PREFIX}${flow.id}`,
    category: 'flow',
    questions: flow.trigger.examples,
    answer: { zh: flow.name.zh, en: flow.name.en },
    related: [],
  }));
}

/**
 * A phrasing that is both a flow trigger and an FAQ question teaches the matcher nothing (a text labelled
 * with two intents is dropped), so neither gets it and the customer is asked "did you mean" between two
 * identical buttons. The flow keeps it: a task done beats an article about doing it.
 */
function withoutFlowTriggers(knowledge: KnowledgeEntry[], flows: KnowledgeEntry[]): KnowledgeEntry[] {
  const triggers = new Set(
    flows.flatMap((f) => [...(f.questions.zh ?? []), ...(f.questions.en ?? [])]).map(phrasingKey),
  );
  return knowledge.map((entry) => {
    const keep = (list: string[] | undefined) => (list ?? []).filter((q) => !triggers.has(phrasingKey(q)));
    const questions = { zh: keep(entry.questions.zh), en: keep(entry.questions.en) };
    return questions.zh.length + questions.en.length === 0 ? entry : { ...entry, questions };
  });
}

/** What the engine's matcher is trained on: knowledge entries and flow triggers. */
export const matcherEntries = (brain: WorkspaceBrain) => {
  const flows = flowEntries(brain);
  return [...withoutFlowTriggers(brain.knowledge, flows), ...flows];
};

/** The entries and the workspace's own words and synonyms: everything the matcher learns from. */
export const matcherTraining = (brain: WorkspaceBrain): MatcherTraining => ({
  entries: matcherEntries(brain),
  options: {
    userDictionary: brain.settings.vocabulary.words,
    synonyms: brain.settings.vocabulary.synonyms,
    // the FAQ matcher keeps its own refusal point: its did-you-mean lists and lexical checks were tuned with
    // it, and leaving intents out (nlu/unknownIntents.ts) at the NLU's default prior turned 13 of the demo's
    // 21 helpful lists into "can't help" (docs/bench-nlu.md, "Small bots")
    unknownIntentShare: 0,
  },
});
