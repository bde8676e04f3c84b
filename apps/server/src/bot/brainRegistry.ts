import type { EventBus } from '@tandem/domain';
import { buildConversationEngine, type ConversationEngine, type EnginePorts } from '@tandem/engine';
import type { SqlStore } from '@tandem/storage';
import type { FastifyBaseLogger } from 'fastify';
import { loadRules, loadWorkspaceBrain } from './workspaceBrain.ts';

/** What staff are told about a workspace's bot after they change it. */
export interface BotStatus {
  /** training: a change is being learnt; live: every change up to `version` answers; failed: the last
   * training failed and the previous bot keeps answering */
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
 */
export interface BrainRegistry {
  forWorkspace(workspaceId: string): Promise<ConversationEngine>;
  /** knowledge, flows or settings changed: returns the version this change will be live at */
  rebuild(workspaceId: string): number;
  /** rules changed: effective for the next message */
  reloadRules(workspaceId: string): Promise<void>;
  status(workspaceId: string): BotStatus;
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
        waiters: [],
      };
      slots.set(workspaceId, slot);
    }
    return slot;
  };

  async function load(workspaceId: string): Promise<ConversationEngine> {
    const brain = await loadWorkspaceBrain(store, workspaceId, log);
    if (abort.signal.aborted) throw new Error('the server is shutting down');
    // trained in a worker thread: other conversations keep being answered meanwhile
    return buildConversationEngine(brain, ports, { signal: abort.signal });
  }

  const settle = (slot: Slot) => {
    slot.waiters = slot.waiters.filter((waiter) => {
      if (slot.liveVersion >= waiter.version) waiter.resolve(true);
      else if (slot.failed !== null && !slot.building) waiter.resolve(false);
      else return true;
      return false;
    });
  };

  function build(workspaceId: string, slot: Slot): Promise<ConversationEngine> {
    const version = slot.version;
    slot.dirty = false;
    slot.failed = null;
    const building = gate(() => load(workspaceId));
    slot.building = building;
    building.then(
      (engine) => {
        slot.engine = engine;
        slot.liveVersion = version;
        slot.building = null;
        if (slot.dirty && !abort.signal.aborted) build(workspaceId, slot);
        else events.publish('bot.status', { workspaceId, state: 'live', version });
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
      if (slot.building) slot.dirty = true;
      else void build(workspaceId, slot).catch(() => undefined);
      return slot.version;
    },
    async reloadRules(workspaceId) {
      const slot = slots.get(workspaceId);
      if (!slot?.engine) return;
      slot.engine.setRules(await loadRules(store, workspaceId, log));
    },
    status(workspaceId) {
      const slot = slotOf(workspaceId);
      const state = slot.building || slot.dirty ? 'training' : slot.failed !== null ? 'failed' : 'live';
      return {
        state,
        version: slot.version,
        liveVersion: slot.liveVersion,
        ...(slot.failed !== null ? { error: slot.failed } : {}),
      };
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
