import { createHash } from 'node:crypto';
import { DomainError } from '@tandem/domain';
import {
  buildConversationEngine,
  type EnginePorts,
  type FlowDefinition,
  type WorkspaceBrain,
  withDraftFlow,
} from '@tandem/engine';

/** How long a test run waits for the test bot to learn a draft's phrasings before answering `busy`. */
const WAIT_MS = 8_000;

/** Trainings waiting or running at most: more drafts with new phrasings are told `busy` at once. */
const MAX_LEARNING = 3;
/** Trainings in progress, by what they learn from: a retry joins the one it started. */
const learning = new Map<string, Promise<unknown>>();
/** Recently trained (the engine keeps the last few trained matchers): no need to queue behind a training. */
const trained = new Set<string>();
const TRAINED_KEEP = 4;
/** One training of a test bot at a time in the process: each holds a model's worth of memory in a worker. */
let gate: Promise<unknown> = Promise.resolve();

/** What the matcher learns from (see `matcherTraining` in the engine): knowledge, flow triggers, vocabulary. */
function trainingKey(brain: WorkspaceBrain): string {
  const flows = brain.flows.map((flow) => [flow.id, flow.name, flow.trigger]);
  return createHash('sha256')
    .update(JSON.stringify([brain.knowledge, flows, brain.settings.vocabulary]))
    .digest('hex');
}

function remember(key: string): void {
  trained.add(key);
  for (const old of trained) {
    if (trained.size <= TRAINED_KEEP) break;
    trained.delete(old);
  }
}

const busy = () =>
  new DomainError(
    'busy',
    "the test bot is still learning this flow's phrasings; send the message again in a moment",
  );

const within = (ms: number, work: Promise<unknown>) =>
  new Promise<boolean>((resolve, reject) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/**
 * Makes sure the matcher of the workspace's bot with this draft is trained (in a worker, once; the engine
 * keeps trained matchers by content). A draft with the phrasings of the running version costs no training
 * (the running bot learnt them); new phrasings take one, and when it takes longer than a request should
 * wait, the caller is told `busy` while it goes on: sending again finds it done (or joins it).
 */
export async function whenTrialBotTrained(
  brain: WorkspaceBrain,
  draft: FlowDefinition,
  ports: EnginePorts,
): Promise<void> {
  const trial = withDraftFlow(brain, draft);
  const key = trainingKey(trial);
  if (trained.has(key)) return;
  let training = learning.get(key);
  if (!training && learning.size >= MAX_LEARNING) throw busy();
  if (!training) {
    const build = () => buildConversationEngine(trial, ports);
    training = gate
      .then(build, build)
      .then(() => remember(key))
      .finally(() => learning.delete(key));
    gate = training.catch(() => undefined);
    learning.set(key, training);
  }
  if (!(await within(WAIT_MS, training))) throw busy();
}
