import type { EventBus } from '@tandem/domain';
import {
  buildConversationEngineInSteps,
  buildInterimEngine,
  type ConversationEngine,
  type EnginePorts,
  type TrainedModelStore,
  type WorkspaceBrain,
} from '@tandem/engine';
import type { SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import { loadRules, loadWorkspaceBrain } from './workspaceBrain.ts';

/** What staff are told about a workspace's bot after they change it. */
export interface BotStatus {
  /** training: a change is being learnt; live: every change up to `version` answers (a new or edited
   * entry answers its own phrasings at once, and paraphrases once the classifier has learnt it in the
   * background); failed: the last training failed and the previous bot keeps answering */
  state: 'training' | 'live' | 'failed';
  /** changes made since the server started (a save increments it) */
  version: number;
  /** the version the answering bot was built from */
  liveVersion: number;
  error?: string;
}

/**
 * One conversation engine per workspace, built from its knowledge, flows, rules and settings on first use.
 * A change of knowledge, flows or settings rebuilds it in a worker thread: one training at a time per
 * workspace (saves made meanwhile are coalesced into the next one) and one at a time in the process, so
 * memory stays bounded; the new engine is swapped in atomically once built (a turn in flight finishes on
 * the engine it started with); a failure leaves the last good engine answering and is reported as
 * `bot.status` failed. A change of rules is applied in place, with no retraining.
 *
 * A change does not wait for its training to be live: within milliseconds an interim engine
 * (`createInterimEngine`) serves the new brain with the running engine's classifier, new and edited entries
 * matched by their words, and is announced live; the retrained engine replaces it when ready. A change of
 * vocabulary (every phrasing reads differently) waits for its training.
 */
export interface BrainRegistry {
  forWorkspace(workspaceId: string): Promise<ConversationEngine>;
  /** knowledge, flows or settings changed: returns the version this change will be live at */
  rebuild(workspaceId: string): number;
  /** rules changed: effective for the next message */
  reloadRules(workspaceId: string): Promise<void>;
  status(workspaceId: string): BotStatus;
  /** a training is running: the latest change may already be live (its entries answer their own phrasings) */
  learning(workspaceId: string): boolean;
  /** resolves once `version` is live (true) or its training failed (false) */
  whenLive(workspaceId: string, version: number): Promise<boolean>;
  /** stops training (a worker in progress is terminated) */
  close(): void;
}

/** How long a workspace whose bot could not be built waits before a customer message tries again. */
const RETRY_FAILED_MS = 30_000;

interface Slot {
  engine: ConversationEngine | null;
  /** the build in progress, if any */
  building: Promise<ConversationEngine> | null;
  /** a change arrived during the build: build again when it ends */
  dirty: boolean;
  version: number;
  liveVersion: number;
  failed: string | null;
  failedAt: number;
  /** an interim engine is being made for the latest change */
  serving: boolean;
  /** a change arrived while it was: make another for it */
  serveAgain: boolean;
  waiters: Array<{ version: number; resolve: (live: boolean) => void }>;
}

/** One training at a time in the process: each holds a model's worth of memory in a worker. */
function createGate() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}

export function createBrainRegistry(
  store: SqlStore,
  ports: EnginePorts,
  log: FastifyBaseLogger,
  events: EventBus,
  options: {
    /** where a workspace's trained models are kept beyond this process (none: trained at every start) */
    models?: (workspaceId: string) => TrainedModelStore;
  } = {},
): BrainRegistry {
  const slots = new Map<string, Slot>();
  const abort = new AbortController();
  const gate = createGate();

  const slotOf = (workspaceId: string): Slot => {
    let slot = slots.get(workspaceId);
    if (!slot) {
      slot = {
        engine: null,
        building: null,
        dirty: false,
        version: 0,
        liveVersion: 0,
        failed: null,
        failedAt: 0,
        serving: false,
        serveAgain: false,
        waiters: [],
      };
      slots.set(workspaceId, slot);
    }
    return slot;
  };

  const settle = (slot: Slot) => {
    slot.waiters = slot.waiters.filter((waiter) => {
      if (slot.liveVersion >= waiter.version) waiter.resolve(true);
      else if (slot.failed !== null && !slot.building) waiter.resolve(false);
      else return true;
      return false;
    });
  };

  const live = (workspaceId: string, slot: Slot, engine: ConversationEngine, version: number) => {
    slot.engine = engine;
    slot.liveVersion = version;
    events.publish('bot.status', { workspaceId, state: 'live', version });
    settle(slot);
  };

  /**
   * Serves a change at once with an interim engine (see `createInterimEngine`) while it is trained. The
   * interim engine is made in steps between which the event loop runs (`buildInterimEngine`): customers'
   * messages keep being answered meanwhile. Whatever went live in the meantime (a later change, or this
   * change's own training) is not replaced.
   */
  const serve = async (workspaceId: string, slot: Slot, brain: WorkspaceBrain, version: number) => {
    if (!slot.engine || slot.liveVersion >= version || abort.signal.aborted) return;
    const interim = await buildInterimEngine(brain, ports, slot.engine);
    if (interim && slot.liveVersion < version && !abort.signal.aborted)
      live(workspaceId, slot, interim, version);
  };

  /**
   * A change saved while a training runs is served at once too (its own training follows that one); one
   * load at a time per workspace, changes made meanwhile served right after.
   */
  async function serveNow(workspaceId: string, slot: Slot): Promise<void> {
    if (slot.serving) {
      slot.serveAgain = true;
      return;
    }
    slot.serving = true;
    try {
      do {
        slot.serveAgain = false;
        const version = slot.version;
        if (!slot.engine || slot.liveVersion >= version) return;
        await serve(workspaceId, slot, await loadWorkspaceBrain(store, workspaceId, log), version);
      } while (slot.serveAgain);
    } catch (error) {
      // the training that follows loads again and reports the failure if it fails too
      log.error({ err: error, workspaceId }, 'serving a change before its training failed');
    } finally {
      slot.serving = false;
    }
  }

  function build(workspaceId: string, slot: Slot): Promise<ConversationEngine> {
    const version = slot.version;
    slot.dirty = false;
    slot.failed = null;
    const building = (async () => {
      const brain = await loadWorkspaceBrain(store, workspaceId, log);
      if (abort.signal.aborted) throw new Error('the server is shutting down');
      // served at once, before its training starts (the training's start, copying the running model to the
      // worker, would delay it); a failure here only delays the change until its training is done
      await serve(workspaceId, slot, brain, version).catch((error: unknown) =>
        log.error({ err: error, workspaceId }, 'serving a change before its training failed'),
      );
      // trained in a worker thread, one at a time in the process: other conversations keep being answered
      return gate(() => {
        if (abort.signal.aborted) throw new Error('the server is shutting down');
        return buildConversationEngineInSteps(brain, ports, {
          signal: abort.signal,
          // after a small change the running bot's calibration is kept (the engine's nlu/retrain.ts)
          previous: slot.engine,
          // a model trained before (by this code, on these examples) is taken from where it was kept
          ...(options.models ? { models: options.models(workspaceId) } : {}),
        });
      });
    })();
    slot.building = building;
    building.then(
      (engine) => {
        slot.building = null;
        // an interim engine of a later change keeps answering until that change's own training is done
        if (version >= slot.liveVersion) {
          slot.engine = engine;
          slot.liveVersion = version;
        }
        if (slot.dirty && !abort.signal.aborted) build(workspaceId, slot);
        else events.publish('bot.status', { workspaceId, state: 'live', version: slot.liveVersion });
        settle(slot);
      },
      (error: unknown) => {
        slot.building = null;
        if (abort.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        if (slot.dirty) {
          build(workspaceId, slot);
          return;
        }
        slot.failed = message;
        slot.failedAt = Date.now();
        log.error(
          { err: error, workspaceId },
          slot.engine
            ? 'training the bot failed; the previous one keeps answering'
            : 'building the bot failed',
        );
        events.publish('bot.status', { workspaceId, state: 'failed', version, error: message });
        settle(slot);
      },
    );
    return building;
  }

  return {
    async forWorkspace(workspaceId) {
      const slot = slotOf(workspaceId);
      if (slot.engine) return slot.engine;
      if (slot.building) return slot.building;
      // a bot that cannot be built is not rebuilt for every message: staff were told (bot.status failed)
      if (slot.failed !== null && Date.now() - slot.failedAt < RETRY_FAILED_MS) {
        throw new Error(`the bot could not be built: ${slot.failed}`);
      }
      return build(workspaceId, slot);
    },
    rebuild(workspaceId) {
      const slot = slotOf(workspaceId);
      slot.version += 1;
      events.publish('bot.status', { workspaceId, state: 'training', version: slot.version });
      if (slot.building) {
        slot.dirty = true;
        void serveNow(workspaceId, slot);
      } else void build(workspaceId, slot).catch(() => undefined);
      return slot.version;
    },
    async reloadRules(workspaceId) {
      const slot = slots.get(workspaceId);
      if (!slot?.engine) return;
      slot.engine.setRules(await loadRules(store, workspaceId, log));
    },
    status(workspaceId) {
      const slot = slotOf(workspaceId);
      const state =
        slot.failed !== null && !slot.building
          ? 'failed'
          : slot.liveVersion >= slot.version && slot.engine !== null
            ? 'live'
            : // a change not yet live, or no bot built since start-up: its first build is running, waits its
              // turn in the start-up warm-up, or (beyond the workspaces warmed) comes with the first message
              'training';
      return {
        state,
        version: slot.version,
        liveVersion: slot.liveVersion,
        ...(slot.failed !== null ? { error: slot.failed } : {}),
      };
    },
    learning(workspaceId) {
      const slot = slotOf(workspaceId);
      return slot.building !== null || slot.dirty;
    },
    whenLive(workspaceId, version) {
      const slot = slotOf(workspaceId);
      return new Promise((resolve) => {
        slot.waiters.push({ version, resolve });
        settle(slot);
      });
    },
    close() {
      abort.abort();
      for (const slot of slots.values()) {
        for (const waiter of slot.waiters.splice(0)) waiter.resolve(false);
      }
    },
  };
}
