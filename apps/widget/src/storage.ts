/**
 * localStorage that never throws (private modes and sandboxed frames refuse it): falls back to
 * memory, so the widget still works for this page view.
 */
const memory = new Map<string, string>();

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readItem(key: string): string | null {
  try {
    return store()?.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function writeItem(key: string, value: string): void {
  memory.set(key, value);
  try {
    store()?.setItem(key, value);
  } catch {
    // quota or privacy mode: the in-memory copy is enough for this page view
  }
}

export const keys = {
  visitor: (workspace: string) => `tandem:visitor:${workspace}`,
  lang: (workspace: string) => `tandem:lang:${workspace}`,
  read: (workspace: string) => `tandem:read:${workspace}`,
  elder: (workspace: string) => `tandem:elder:${workspace}`,
  /** the last conversation rated from this browser */
  rated: (workspace: string) => `tandem:rated:${workspace}`,
};
