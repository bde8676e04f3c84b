/**
 * Sound and desktop alerts for a new queued or offered conversation. The chime is synthesised (no audio
 * file to fetch); desktop notifications need the browser's permission, asked for only when the agent
 * switches them on. Settings stay in this browser.
 */
export interface AlertSettings {
  sound: boolean;
  desktop: boolean;
}

const storageKey = 'tandem.console.alerts';
const defaults: AlertSettings = { sound: true, desktop: false };

export function loadAlertSettings(): AlertSettings {
  try {
    const raw = localStorage.getItem(storageKey);
    if (!raw) return defaults;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return defaults;
    const value = parsed as Partial<Record<keyof AlertSettings, unknown>>;
    return {
      sound: typeof value.sound === 'boolean' ? value.sound : defaults.sound,
      desktop: typeof value.desktop === 'boolean' ? value.desktop : defaults.desktop,
    };
  } catch {
    return defaults;
  }
}

export function saveAlertSettings(settings: AlertSettings): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(settings));
  } catch {
    // not persisting is acceptable: the choice still applies to this page
  }
}

let audio: AudioContext | undefined;

/** Two short tones; silently nothing when the browser blocks audio before the first click. */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.16, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.18, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.14);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.15);
    }
  } catch {
    // no audio device or not allowed yet
  }
}

export function desktopPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askDesktopPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission === 'default' ? Notification.requestPermission() : Notification.permission;
}

/** A desktop notification when the console is not in front; clicking it brings the console back. */
export function notifyDesktop(title: string, body: string, tag: string, onClick?: () => void): void {
  if (desktopPermission() !== 'granted' || document.visibilityState === 'visible') return;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick?.();
      notification.close();
    };
  } catch {
    // some browsers only allow notifications from a service worker
  }
}
