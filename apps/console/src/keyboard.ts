import { useEffect, useRef } from 'react';

/**
 * Keyboard shortcuts: `Alt+<key>` works everywhere (also while typing a reply); a bare key (like `?`) only
 * when no text field has focus. Keys are `event.key` lower-cased ('j', '1', '?').
 */
export type Shortcuts = Partial<Record<string, () => void>>;

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The key an Alt shortcut means, from the physical key (Alt+J types "∆" on a Mac). */
function altKey(event: KeyboardEvent): string {
  if (event.code.startsWith('Key')) return event.code.slice(3).toLowerCase();
  if (event.code.startsWith('Digit')) return event.code.slice(5);
  return event.key.toLowerCase();
}

export function useShortcuts(alt: Shortcuts, bare: Shortcuts = {}): void {
  const latest = useRef({ alt, bare });
  latest.current = { alt, bare };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey) return;
      const action = event.altKey
        ? latest.current.alt[altKey(event)]
        : typing(event.target)
          ? undefined
          : latest.current.bare[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
