import { useCallback, useSyncExternalStore } from 'react';
import { type AlertSettings, loadAlertSettings, saveAlertSettings } from './alerts.ts';

let current = loadAlertSettings();
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The alert settings, shared by the header switch and the workspace that raises alerts. */
export function useAlertSettings(): [AlertSettings, (next: AlertSettings) => void] {
  const settings = useSyncExternalStore(subscribe, () => current);
  const set = useCallback((next: AlertSettings) => {
    current = next;
    saveAlertSettings(next);
    for (const listener of listeners) listener();
  }, []);
  return [settings, set];
}

export function alertSettingsNow(): AlertSettings {
  return current;
}
